namespace PcapSipAnalyzer.Synthesizer.Truth;

/// <summary>SIP packets as tshark's sip,stat counts them: every packet, retransmissions included.</summary>
public sealed class SipCountsTruth
{
    public long Messages { get; set; }

    /// <summary>Packets that repeat an earlier request or response of the same transaction.</summary>
    public long Resent { get; set; }

    /// <summary>Packets per request method.</summary>
    public SortedDictionary<string, long> Requests { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Packets per response status code.</summary>
    public SortedDictionary<int, long> Responses { get; set; } = new();

    public void CountRequest(string method, bool resent)
    {
        Messages++;
        if (resent) Resent++;
        Requests[method] = Requests.GetValueOrDefault(method) + 1;
    }

    public void CountResponse(int status, bool resent)
    {
        Messages++;
        if (resent) Resent++;
        Responses[status] = Responses.GetValueOrDefault(status) + 1;
    }
}
