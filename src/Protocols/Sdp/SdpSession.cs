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
    // Room for one section at first (most descriptions have one): the default first growth made room for four.
    public List<SdpMedia> Media { get; } = new(1);
    /// <summary>m= sections beyond <see cref="SdpParser.MaxMedia"/>: counted, not parsed.</summary>
    public int MediaNotParsed { get; set; }
}
