namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Where a per-packet stage turns an unexpected exception into data: an <c>engine-error</c> anomaly naming the
/// frame, and the analysis goes on with the next packet. One odd packet must never cost the user the report of
/// the millions around it; the anomaly, with its frame, is what a bug report needs. The first exception is
/// kept whole for a developer (the CLI prints it with PCAPSIP_DEBUG=1).
/// </summary>
public sealed class EngineErrors
{
    public const string AnomalyKind = "engine-error";

    private readonly AnomalyCounters _anomalies;
    private Exception? _first;

    public EngineErrors(AnomalyCounters anomalies) => _anomalies = anomalies;

    /// <summary>The first exception a per-packet stage met, with its stack trace; null when none did.</summary>
    public Exception? First => Volatile.Read(ref _first);

    /// <summary>Counts <paramref name="error"/> as met at the given frame (either stage's thread may call).</summary>
    public void Add(Exception error, int capture, long frame)
    {
        Interlocked.CompareExchange(ref _first, error, null);
        _anomalies.Add(AnomalyKind, capture, frame);
    }
}
