using System.Globalization;
using System.Text;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>Capture timestamps (ns since the Unix epoch) as reports write them.</summary>
public static class Timestamps
{
    /// <summary>The length of what <see cref="Rfc3339"/> writes: 2026-11-26T10:02:03.123456789Z.</summary>
    public const int Rfc3339Length = 30;

    /// <summary>RFC 3339 UTC with all nine nanosecond digits: 2026-11-26T10:02:03.123456789Z.</summary>
    public static string Rfc3339(long ns)
    {
        Span<byte> ascii = stackalloc byte[Rfc3339Length];
        FormatRfc3339(ns, ascii);
        return Encoding.ASCII.GetString(ascii);
    }

    /// <summary>
    /// <see cref="Rfc3339"/> as ASCII into <paramref name="utf8"/> (<see cref="Rfc3339Length"/> bytes): the JSON
    /// report writes one or two per transaction message, and a formatted DateTime made three strings each time.
    /// Every long of nanoseconds is a date between the years 1677 and 2262, so the year has four digits.
    /// </summary>
    public static void FormatRfc3339(long ns, Span<byte> utf8)
    {
        long seconds = Math.DivRem(ns, 1_000_000_000L, out long fraction);
        if (fraction < 0)
        {
            fraction += 1_000_000_000L;
            seconds--;
        }
        long days = Math.DivRem(seconds, 86_400L, out long second);
        if (second < 0)
        {
            second += 86_400L;
            days--;
        }
        // Days since 1970-01-01 to the proleptic Gregorian date, by 400-year eras from 0000-03-01 (the leap day last);
        // z is positive for every date from 1677 on.
        long z = days + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        long month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        Digits(utf8[..4], year);
        utf8[4] = (byte)'-';
        Digits(utf8.Slice(5, 2), month);
        utf8[7] = (byte)'-';
        Digits(utf8.Slice(8, 2), day);
        utf8[10] = (byte)'T';
        Digits(utf8.Slice(11, 2), second / 3_600);
        utf8[13] = (byte)':';
        Digits(utf8.Slice(14, 2), second / 60 % 60);
        utf8[16] = (byte)':';
        Digits(utf8.Slice(17, 2), second % 60);
        utf8[19] = (byte)'.';
        Digits(utf8.Slice(20, 9), fraction);
        utf8[29] = (byte)'Z';
    }

    // value as exactly digits.Length decimal digits, zero-padded (value is never negative or too wide here).
    private static void Digits(Span<byte> digits, long value)
    {
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + value % 10);
            value /= 10;
        }
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

    /// <summary>"08:27:28.599 – 08:27:42.066", or one time for what happened in one millisecond.</summary>
    public static string ClockSpan(long firstNs, long lastNs)
    {
        string first = Clock(firstNs), last = Clock(lastNs);
        return first == last ? first : $"{first} – {last}";
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
