using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Evidence of a finding about one RTP stream: which stream (SSRC, capture interface) and, for a call-quality
/// finding, the E-model's figures.
/// </summary>
public sealed record RtpStreamEvidence(uint Ssrc, int CaptureInterface, double? RFactor = null, double? Mos = null) : FindingEvidence
{
    /// <summary>For a loss finding whose lost packets nearly all fall in one gap: its length in ms (an interruption, not a lossy path).</summary>
    public double? GapMs { get; init; }
}
