using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>What reading one input file gave: its summary, protocol counts and, if it broke, why.</summary>
public sealed class CaptureResult
{
    public required int Index { get; init; }
    public required CaptureInput Input { get; init; }
    public CaptureSummary Summary { get; set; } = new();
    public ProtocolCounters Protocols { get; } = new();

    /// <summary>The one-line reason reading stopped early (format error), null when it read to the end.</summary>
    public string? Error { get; set; }

    /// <summary>The file could not be opened (missing or unreadable): nothing was read.</summary>
    public bool NotFound { get; set; }
    /// <summary>With a packet selection, the frames it kept (the annotated copy holds only these); null without one.</summary>
    public Selection.FrameBitSet? Kept { get; set; }
}
