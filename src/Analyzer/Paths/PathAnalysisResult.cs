using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>What the path analysis produced: the path of every transaction and the findings drawn from them.</summary>
public sealed class PathAnalysisResult
{
    public List<TransactionPath> Paths { get; } = new();
    public List<Finding> Findings { get; } = new();
}
