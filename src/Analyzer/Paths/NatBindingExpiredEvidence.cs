using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.NatBindingExpired"/>: the failed request's path, the phone's registration from
/// that address (its REGISTER's frame, the address its Via names), how long the phone had been silent when the request
/// went there, and how many ICMP errors the NAT sent back (0: it dropped them silently).
/// </summary>
public sealed record NatBindingExpiredEvidence(TransactionPathEvidence Path, FrameRef RegisterFrame, string ViaHost, double IdleSeconds,
                                               int IcmpErrors) : FindingEvidence, IPathFindingEvidence
{
    TransactionPathEvidence? IPathFindingEvidence.Path => Path;
}
