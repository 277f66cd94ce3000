namespace PcapSipAnalyzer.Analyzer.Reports.Tables;

/// <summary>
/// A capture timestamp in a table cell: ns since the Unix epoch, UTC. A type of its own so a table column is
/// declared a <see cref="ColumnType.Timestamp"/> by its property's type, and every format writes it as a time.
/// </summary>
public readonly record struct CaptureTime(long Nanoseconds)
{
    /// <summary>The .NET time, which holds 100 ns ticks: the last two digits of the nanoseconds are dropped.</summary>
    public DateTime UtcDateTime => DateTime.UnixEpoch.AddTicks(Math.DivRem(Nanoseconds, 100L, out long rest) - (rest < 0 ? 1 : 0));

    /// <summary>RFC 3339 UTC with nine fraction digits, as the JSON report writes times.</summary>
    public override string ToString() => Timestamps.Rfc3339(Nanoseconds);

    public static CaptureTime Parse(string text) => new(Timestamps.ParseRfc3339(text));

    public static CaptureTime FromUtc(DateTime time) => new((time.ToUniversalTime() - DateTime.UnixEpoch).Ticks * 100L);
}
