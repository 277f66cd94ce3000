namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>What one TCP handshake shows, reduced to the facts its verdict rests on.</summary>
public readonly record struct HandshakeFacts(int SynAckCount, bool Asymmetric, bool Completed, bool Reset, int SynsAfterSynAck)
{
    public static HandshakeFacts Of(TcpHandshake c) => new(c.SynAckCount, c.Asymmetric, c.Completed, c.Reset, c.SynsAfterSynAck);
}
