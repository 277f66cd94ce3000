namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>The one table of <see cref="DialogOutcome"/> names that the JSON, CSV, Parquet and console writers use.</summary>
public static class DialogOutcomes
{
    public static string WireName(DialogOutcome outcome) => outcome switch
    {
        DialogOutcome.Answered => "answered",
        DialogOutcome.Rejected => "rejected",
        DialogOutcome.Cancelled => "cancelled",
        DialogOutcome.Unanswered => "unanswered",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a dialog outcome without a wire name"),
    };

    /// <summary>The wire name, or null while the INVITE is pending.</summary>
    public static string? WireName(DialogOutcome? outcome) => outcome is { } o ? WireName(o) : null;
}
