using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Evidence of a finding about one RTP stream: which stream (SSRC, capture interface) and, for a call-quality
/// finding, the E-model's figures.
/// </summary>
public sealed record RtpStreamEvidence(uint Ssrc, int CaptureInterface, double? RFactor = null, double? Mos = null) : FindingEvidence;
