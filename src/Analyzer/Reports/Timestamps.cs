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

    /// <summary>Reads back what <see cref="Rfc3339"/> writes (UTC, <c>Z</c>, up to nine fraction digits) without losing a nanosecond.</summary>
    public static long ParseRfc3339(string text)
    {
        if (text.Length < 20 || text[^1] is not ('Z' or 'z'))
            throw new FormatException($"not an RFC 3339 UTC time: {text}");
        var whole = DateTime.ParseExact(text.AsSpan(0, 19), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        long ns = (whole - DateTime.UnixEpoch).Ticks * 100L;
        if (text[19] != '.') return ns;
        var digits = text.AsSpan(20, text.Length - 21);
        if (digits.Length is 0 or > 9) throw new FormatException($"not an RFC 3339 UTC time: {text}");
        long fraction = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        for (int i = digits.Length; i < 9; i++) fraction *= 10;
        return ns + fraction;
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
