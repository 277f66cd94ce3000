using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence of <see cref="FindingKind.RegistrationRejected"/>: the registrar's final status and the password check.</summary>
public sealed record RegistrationRejectedEvidence(int FinalStatus, DigestVerdict? Password) : FindingEvidence;
