namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>What one TCP handshake shows, reduced to the facts its verdict rests on.</summary>
/// <param name="RefusedByServer">The server answered a SYN with a reset, before any SYN-ACK: nothing accepts the connection.</param>
public readonly record struct HandshakeFacts(int SynAckCount, bool Asymmetric, bool Completed, bool Reset, int SynsAfterSynAck, bool RefusedByServer = false)
{
    public static HandshakeFacts Of(TcpHandshake c) =>
        new(c.SynAckCount, c.Asymmetric, c.Completed, c.Reset, c.SynsAfterSynAck, c.ResetByServer && c.SynAckCount == 0);
}
