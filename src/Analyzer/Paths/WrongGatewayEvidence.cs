using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence of <see cref="FindingKind.ResponseWrongGateway"/>: the lost response's path, and the password check when credentials were given.</summary>
public sealed record WrongGatewayEvidence(TransactionPathEvidence Path, DigestVerdict? Password) : FindingEvidence, IPathFindingEvidence
{
    TransactionPathEvidence? IPathFindingEvidence.Path => Path;
}
