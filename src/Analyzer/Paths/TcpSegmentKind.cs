namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>The control segments of a TCP connection a ladder draws: the handshake, and how the connection ended.</summary>
public enum TcpSegmentKind
{
    Syn,
    SynAck,
    /// <summary>The client's first acknowledgment of the server's ISN: the handshake completed.</summary>
    Ack,
    Fin,
    Reset,
}
