namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// One RTP m= line of a call: its position in both SDP bodies (RFC 3264 §6 pairs the answer's m= lines with the
/// offer's by position) and where each side wants to receive it; a side is null when it rejected the medium
/// (port 0) or its SDP did not name it.
/// </summary>
public sealed record SessionMedium(int Index, MediaKind Kind, MediaOffer? Offer, MediaOffer? Answer)
{
    public string Name => MediaKinds.WireName(Kind);
}
