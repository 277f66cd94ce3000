namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>The one table of <see cref="RegistrationOutcome"/> names that the JSON, CSV, Parquet and console writers use.</summary>
public static class RegistrationOutcomes
{
    public static string WireName(RegistrationOutcome outcome) => outcome switch
    {
        RegistrationOutcome.Registered => "registered",
        RegistrationOutcome.Rejected => "rejected",
        RegistrationOutcome.Unanswered => "unanswered",
        RegistrationOutcome.AuthUnanswered => "auth-unanswered",
        RegistrationOutcome.Challenged => "challenged",
        RegistrationOutcome.Deregistered => "deregistered",
        RegistrationOutcome.Other => "other",
        RegistrationOutcome.Evicted => "evicted",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a registration outcome without a wire name"),
    };

    /// <summary>The wire name, or null while the attempt is open.</summary>
    public static string? WireName(RegistrationOutcome? outcome) => outcome is { } o ? WireName(o) : null;
}
