namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>What one TCP handshake shows, reduced to the facts its verdict rests on.</summary>
/// <param name="RefusedByServer">The server answered a SYN with a reset, before any SYN-ACK: nothing accepts the connection.</param>
/// <param name="ServerAskedForClient">The server asked ARP for the client on its own link, unanswered, though the SYNs came through a router.</param>
public readonly record struct HandshakeFacts(int SynAckCount, bool Asymmetric, bool Completed, bool Reset, int SynsAfterSynAck, bool RefusedByServer = false,
                                             bool ServerAskedForClient = false)
{
    public static HandshakeFacts Of(TcpHandshake c, bool serverAskedForClient = false) =>
        new(c.SynAckCount, c.Asymmetric, c.Completed, c.Reset, c.SynsAfterSynAck, c.ResetByServer && c.SynAckCount == 0, serverAskedForClient);
}
