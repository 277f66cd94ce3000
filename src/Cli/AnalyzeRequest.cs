using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Cli;

/// <summary>The analyze command's options, as parsed.</summary>
internal sealed class AnalyzeRequest
{
    public required string[] Files { get; init; }
    /// <summary>--point NAME=FILE[#IFACE], as given.</summary>
    public string[] Points { get; init; } = [];
    public ReportOutputs Outputs { get; init; } = new();
    public bool NoProgress { get; init; }
    public Severity? FailOn { get; init; }
}
