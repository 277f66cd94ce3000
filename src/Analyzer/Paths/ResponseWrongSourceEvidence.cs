using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.ResponseWrongSource"/>: the lost response's path, where the request went and where the
/// response came from ("ip:port"), whether it came from the same host (the MAC the request went to), and the password check.
/// </summary>
public sealed record ResponseWrongSourceEvidence(TransactionPathEvidence Path, string RequestTo, string RepliedFrom, bool SameHost,
                                                 DigestVerdict? Password) : FindingEvidence, IPathFindingEvidence
{
    TransactionPathEvidence? IPathFindingEvidence.Path => Path;
}
