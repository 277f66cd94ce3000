namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>What media a call had: the streams toward each side and the ones from unexpected sources.</summary>
public sealed class CallMedia
{
    public required MediaSession Session { get; init; }
    /// <summary>Streams sent to the offerer's SDP endpoint.</summary>
    public List<RtpStream> ToOffer { get; } = new();
    /// <summary>Streams sent to the answerer's SDP endpoint.</summary>
    public List<RtpStream> ToAnswer { get; } = new();
    /// <summary>Streams to an SDP endpoint from an address:port other than the other side's SDP.</summary>
    public List<RtpStream> UnexpectedSources { get; } = new();

    public bool BothWays => ToOffer.Count > 0 && ToAnswer.Count > 0;
    public bool None => ToOffer.Count == 0 && ToAnswer.Count == 0;
}
