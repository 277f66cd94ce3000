namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>The result of the INVITE that created a dialog.</summary>
public static class DialogOutcome
{
    /// <summary>A 2xx answered the INVITE.</summary>
    public const string Answered = "answered";
    /// <summary>A final 3xx–6xx (other than 487 after a CANCEL) ended it; see the final status.</summary>
    public const string Rejected = "rejected";
    /// <summary>The caller sent CANCEL before an answer.</summary>
    public const string Cancelled = "cancelled";
    /// <summary>No final response (only provisional ones, or none) within the timers or the capture.</summary>
    public const string Unanswered = "unanswered";
}
