namespace PcapSipAnalyzer.Analyzer.Packets;

/// <summary>The transport a SIP message or connection used.</summary>
public enum Transport : byte
{
    Udp,
    Tcp,
    Tls,
    Sctp,
    WebSocket,
}
