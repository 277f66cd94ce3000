namespace PcapSipAnalyzer.Analyzer.Findings;

/// <summary>How bad a finding is; ordered so that sorting puts errors first.</summary>
public enum Severity
{
    Error = 0,
    Warning = 1,
    Info = 2,
}
