namespace PcapSipAnalyzer.Analyzer.Packets;

/// <summary>The transport a SIP message or connection used.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Reports.WireNameJsonConverter<Transport>))]
public enum Transport : byte
{
    Udp,
    Tcp,
    Tls,
    Sctp,
    WebSocket,
}
