namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of one finding: a one-sentence summary, the reasoning, and what the phone most likely shows.</summary>
internal readonly record struct FindingText(string Summary, string Explanation, string? ClientSymptom);
