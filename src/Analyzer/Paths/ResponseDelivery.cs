namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Whether the final response of a transaction reached the client, as the packets show it.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Reports.WireNameJsonConverter<ResponseDelivery>))]
public enum ResponseDelivery : byte
{
    /// <summary>No final response was sent (or none was captured).</summary>
    NoResponse,
    /// <summary>Nothing in the capture tells either way (e.g. it ended right after the response).</summary>
    Unknown,
    /// <summary>The client acted on it: answered the challenge's nonce, moved on to CSeq+1, ACKed it, or stopped retransmitting.</summary>
    Delivered,
    /// <summary>The client kept retransmitting the request after it went out, or a router returned it with an ICMP error.</summary>
    NotDelivered,
}
