namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>Everything an analysis found; the report writers read only this.</summary>
public sealed class AnalysisResult
{
    public List<CaptureResult> Captures { get; } = new();
    public ProtocolCounters Protocols { get; } = new();
    public AnomalyCounters Anomalies { get; } = new();
    public List<Findings.Finding> Findings { get; } = new();

    /// <summary>State dropped to keep memory bounded, by table ("ip-fragments", "tcp-streams", …).</summary>
    public Dictionary<string, long> StateEvictions { get; } = new(StringComparer.Ordinal);

    public bool AnyFormatError => Captures.Any(c => c.Error is not null);
    public bool AnyNotFound => Captures.Any(c => c.NotFound);
}
