namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>What media a call had: per m= line and over all of them, the streams toward each side and the ones from unexpected sources.</summary>
public sealed class CallMedia
{
    public required MediaSession Session { get; init; }
    /// <summary>The streams of each RTP m= line, in the SDP's order.</summary>
    public List<MediumStreams> Media { get; } = new();
    /// <summary>Streams sent to the offerer's SDP endpoints (any m= line).</summary>
    public List<RtpStream> ToOffer { get; } = new();
    /// <summary>Streams sent to the answerer's SDP endpoints (any m= line).</summary>
    public List<RtpStream> ToAnswer { get; } = new();
    /// <summary>Streams to an SDP endpoint from an address:port other than the other side's SDP.</summary>
    public List<RtpStream> UnexpectedSources { get; } = new();

    public bool BothWays => ToOffer.Count > 0 && ToAnswer.Count > 0;
    public bool None => ToOffer.Count == 0 && ToAnswer.Count == 0;
}
