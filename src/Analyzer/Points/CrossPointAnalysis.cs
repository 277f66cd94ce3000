using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// Several capture points of the same traffic: lines up their messages and clocks, reports what an
/// ALG or NAT changed between them, and merges each point's findings into one per client and problem. With a
/// single capture point the findings pass through unchanged.
/// </summary>
public static class CrossPointAnalysis
{
    /// <summary>The correlation, and the findings to report (merged across points).</summary>
    public static (PointCorrelation Correlation, List<Finding> Findings) Run(IReadOnlyList<CapturePoint> points, IReadOnlyList<PointFinding> findings)
    {
        var correlation = PointCorrelation.Build(points);
        if (points.Count < 2) return (correlation, findings.Select(f => f.Finding).ToList());
        var merged = new FindingMerger(correlation).Merge(findings);
        merged.AddRange(AlgRewriteDetector.Find(correlation));
        return (correlation, merged);
    }
}
