namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>The one table of <see cref="ResponseDelivery"/> names that every report writer uses.</summary>
public static class ResponseDeliveries
{
    public static string WireName(ResponseDelivery delivery) => delivery switch
    {
        ResponseDelivery.NoResponse => "no-response",
        ResponseDelivery.Unknown => "unknown",
        ResponseDelivery.Delivered => "delivered",
        ResponseDelivery.NotDelivered => "not-delivered",
        _ => throw new ArgumentOutOfRangeException(nameof(delivery), delivery, "a delivery without a wire name"),
    };
}
