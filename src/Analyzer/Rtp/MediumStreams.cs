namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>The streams of one m= line of a call: toward each side, and those from a source its SDP did not name.</summary>
public sealed class MediumStreams
{
    public MediumStreams(SessionMedium medium) => Medium = medium;

    public SessionMedium Medium { get; }
    public List<RtpStream> ToOffer { get; } = new();
    public List<RtpStream> ToAnswer { get; } = new();
    public List<RtpStream> UnexpectedSources { get; } = new();

    public bool None => ToOffer.Count == 0 && ToAnswer.Count == 0;
}
