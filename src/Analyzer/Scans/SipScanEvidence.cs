using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// Evidence of <see cref="FindingKind.SipScan"/>: the counts of one scanned server's tally and its bounded
/// samples (at most a few networks, User-Agents and clients, whatever the size of the scan).
/// </summary>
public sealed record SipScanEvidence(
    long Requests,
    long ScannerAgentRequests,
    long NoFinalResponse,
    IReadOnlyList<KeyValuePair<int, long>> FinalStatuses,
    long AnsweredPositively,
    long Sources,
    bool SourcesAtLeast,
    long Aors,
    IReadOnlyList<KeyValuePair<string, long>> Methods,
    IReadOnlyList<KeyValuePair<string, long>> UserAgents,
    long Networks16,
    IReadOnlyList<(string Prefix, long Requests)> Prefixes,
    IReadOnlyList<(string Prefix, long Requests)> WidePrefixes,
    IReadOnlyList<ScanSample> Samples) : FindingEvidence
{
    /// <summary>AORs the server let a scanner register as (a guessed password): what the fix must name first.</summary>
    public IReadOnlyList<string> RegisteredAors { get; init; } = [];
    /// <summary>A share of a scan split between capture points, too small to be one at its own point.</summary>
    public bool ShareOfSplitScan { get; init; }
    /// <summary>Scanner requests with credentials the server refused: wrong password guesses.</summary>
    public long RefusedGuesses { get; init; }
    /// <summary>The usernames guessed for, most guesses first (a few).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> GuessedUsers { get; init; } = [];
}
