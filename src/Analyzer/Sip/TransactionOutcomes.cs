namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>The one table of <see cref="TransactionOutcome"/> names that the JSON, CSV, Parquet and console writers use.</summary>
public static class TransactionOutcomes
{
    public static string WireName(TransactionOutcome outcome) => outcome switch
    {
        TransactionOutcome.Pending => "pending",
        TransactionOutcome.Answered => "answered",
        TransactionOutcome.Unanswered => "unanswered",
        TransactionOutcome.ProvisionalOnly => "provisional-only",
        TransactionOutcome.AnsweredLate => "answered-late",
        TransactionOutcome.ResponseOnly => "response-only",
        TransactionOutcome.Evicted => "evicted",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a transaction outcome without a wire name"),
    };
}
