using System.Collections.Immutable;

namespace PcapSipAnalyzer.Protocols.Sdp;

/// <summary>An SDP description (RFC 4566): where the sender expects media.</summary>
public sealed class SdpSession
{
    /// <summary>o= line's unicast address, when present.</summary>
    public string? OriginAddress { get; set; }
    /// <summary>Session-level c= address.</summary>
    public string? ConnectionAddress { get; set; }
    /// <summary>Session-level direction attribute (sendrecv when absent).</summary>
    public SdpDirection Direction { get; set; } = SdpDirection.SendRecv;
    /// <summary>
    /// The m= sections in order. An array of exactly their number: a description stays with each copy of its
    /// message, and a list (its object and an array with room to grow) was a third of a one-section description.
    /// </summary>
    public ImmutableArray<SdpMedia> Media { get; init; } = ImmutableArray<SdpMedia>.Empty;
    /// <summary>m= sections beyond <see cref="SdpParser.MaxMedia"/>: counted, not parsed.</summary>
    public int MediaNotParsed { get; set; }
}
