namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>
/// Which packets of the captures the analysis looks at (--filter, --from/--to, --call-id, --client), as tshark
/// users expect: a packet left out is as if it had never been captured, in the analysis and in every output.
/// Frame numbers stay those of the original file, so every filter the report gives is valid there.
/// </summary>
public sealed class PacketSelection
{
    /// <summary>A capture filter in tcpdump syntax, compiled by libpcap for each link type met.</summary>
    public string? Filter { get; init; }

    /// <summary>Packets stamped at or after this time (inclusive).</summary>
    public TimeBound? From { get; init; }

    /// <summary>Packets stamped before this time (exclusive), so consecutive windows never share a packet.</summary>
    public TimeBound? To { get; init; }

    /// <summary>Only the SIP messages of this Call-ID and the RTP/RTCP their SDP negotiated.</summary>
    public string? CallId { get; init; }

    /// <summary>Only the packets to or from this address (and port) and the media of the calls it took part in.</summary>
    public ClientAddress? Client { get; init; }

    /// <summary>True when nothing is selected out: the analysis takes the hot path unchanged.</summary>
    public bool IsEmpty => Filter is null && From is null && To is null && CallId is null && Client is null;

    /// <summary>
    /// A call or client is known only once its SIP and SDP are read: the captures are read twice, first to find
    /// the call's messages and media, then to analyse those alone.
    /// </summary>
    public bool NeedsTwoPasses => CallId is not null || Client is not null;

    /// <summary>The selection without the call and client: what the first of two passes reads.</summary>
    internal PacketSelection WithoutTraffic() => new() { Filter = Filter, From = From, To = To };
}
