namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// How far one capture host's clock is from the reference clock (the first input's), estimated from messages
/// seen unchanged at both: offset = clock − reference, so reference time = capture time − offset.
/// </summary>
public sealed class ClockOffset
{
    /// <summary>The clock: an input's point name (every interface of a file, every file of a ring-buffer set).</summary>
    public required string Clock { get; init; }
    /// <summary>The clock it is measured against (the first input's).</summary>
    public required string Reference { get; init; }
    /// <summary>Clock the offset was measured against directly (the reference, or a clock linked to it).</summary>
    public string? MeasuredAgainst { get; init; }
    public long OffsetNs { get; init; }
    /// <summary>Median absolute deviation of the samples around their median: how well the clocks line up.</summary>
    public long SpreadNs { get; init; }
    /// <summary>Messages seen unchanged on both clocks (0 for the reference, or when nothing was shared).</summary>
    public int Samples { get; init; }
    public long MinNs { get; init; }
    public long MaxNs { get; init; }
    /// <summary>
    /// "reference"; "two-way" (the medians of both directions averaged, so the transit delay cancels out);
    /// "one-way" (only one direction was shared: the offset includes the transit delay); "none" (nothing shared,
    /// the clocks are taken as they are).
    /// </summary>
    public string Method { get; init; } = "none";
    /// <summary>
    /// Whether reports move this clock's times by the offset. An offset under 1 ms or within three times its
    /// spread cannot be told from transit delay and timestamping jitter (one-way estimates include the transit
    /// delay): such clocks are taken as they are, which keeps the order of copies on one link as captured.
    /// </summary>
    public bool Applied { get; init; }
}
