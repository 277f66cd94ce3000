using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>A finding raised from one capture point's view, before the views are merged.</summary>
public readonly record struct PointFinding(CapturePoint Point, Finding Finding);
