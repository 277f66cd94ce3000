using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.ResponseWrongPort"/>: the lost response's path, where the request came from and
/// where the response went ("ip:port"), whether the request's Via asked for rport, and the password check.
/// </summary>
public sealed record ResponseWrongPortEvidence(TransactionPathEvidence Path, string RequestFrom, string RepliedTo, bool ViaAsksRport,
                                               DigestVerdict? Password) : FindingEvidence, IPathFindingEvidence
{
    TransactionPathEvidence? IPathFindingEvidence.Path => Path;
}
