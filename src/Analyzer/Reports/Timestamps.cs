using System.Globalization;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>Capture timestamps (ns since the Unix epoch) as reports write them.</summary>
public static class Timestamps
{
    /// <summary>RFC 3339 UTC with all nine nanosecond digits: 2026-11-26T10:02:03.123456789Z.</summary>
    public static string Rfc3339(long ns)
    {
        long seconds = Math.DivRem(ns, 1_000_000_000L, out long fraction);
        if (fraction < 0)
        {
            fraction += 1_000_000_000L;
            seconds--;
        }
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." +
               fraction.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    /// <summary>Short form for the console: 10:02:03.123 (UTC).</summary>
    public static string Clock(long ns)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(Math.DivRem(ns, 1_000_000L, out _)).UtcDateTime;
        return time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
    }

    /// <summary>A duration in seconds with ms precision.</summary>
    public static string Seconds(long ns) => (ns / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " s";
}
