namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>What became of a transaction, as written into reports.</summary>
public static class TransactionOutcome
{
    /// <summary>A final response arrived within timer F (or, for an INVITE in progress, at all).</summary>
    public const string Answered = "answered";
    /// <summary>No response at all within timer F (32 s) or before the capture ended.</summary>
    public const string Unanswered = "unanswered";
    /// <summary>Only provisional responses (1xx), never a final one.</summary>
    public const string ProvisionalOnly = "provisional-only";
    /// <summary>The final response came after the client's timer F had fired: the client had given up.</summary>
    public const string AnsweredLate = "answered-late";
    /// <summary>Responses without the request in this capture (capture started late, or the request took another path).</summary>
    public const string ResponseOnly = "response-only";
    /// <summary>Dropped from the live table by the cap before a final response; the result is unknown.</summary>
    public const string Evicted = "evicted";
}
