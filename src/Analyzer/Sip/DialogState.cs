namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>RFC 3261 §12 dialog states, plus "trying" for an INVITE not yet answered with a tag.</summary>
public static class DialogState
{
    public const string Trying = "trying";
    public const string Early = "early";
    public const string Confirmed = "confirmed";
    public const string Terminated = "terminated";
}
