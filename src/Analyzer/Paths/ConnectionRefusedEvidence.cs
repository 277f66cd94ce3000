using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.ConnectionRefused"/>: how many connections the client tried to that server endpoint
/// (each answered with a reset) where the capture saw them. A phone tries again; a port scan tries once.
/// </summary>
public sealed record ConnectionRefusedEvidence(int Attempts) : FindingEvidence;
