using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.TollFraudAttempt"/>: the refused calls, their span, how many numbers they dialled,
/// the user whose credentials they carried and the calls the server accepted with them.
/// </summary>
public sealed record TollFraudEvidence(int Attempts, long SpanNs, int Numbers, string? User, int Accepted) : FindingEvidence
{
    /// <summary>Transactions were not kept past the report's cap: the calls counted are a lower bound.</summary>
    public bool AttemptsAtLeast { get; init; }
}
