using System.Globalization;

namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>
/// A --from/--to bound: an RFC 3339 time with its zone (<c>2026-11-26T07:56:10.5Z</c>), or seconds from the first
/// packet of each capture file (<c>12.5</c>, as Wireshark's frame.time_relative).
/// </summary>
public readonly record struct TimeBound(long Nanoseconds, bool FromCaptureStart)
{
    /// <summary>The bound as nanoseconds since the Unix epoch, for a capture whose first packet is at <paramref name="captureStartNs"/>.</summary>
    public long At(long captureStartNs) => FromCaptureStart ? captureStartNs + Nanoseconds : Nanoseconds;

    public static bool TryParse(string text, out TimeBound bound)
    {
        bound = default;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            if (!double.IsFinite(seconds) || seconds < 0 || seconds > 1e9) return false;
            bound = new TimeBound((long)Math.Round(seconds * 1e9), true);
            return true;
        }
        // RFC 3339 needs a zone: a time without one would silently depend on the machine's time zone.
        if (!HasZone(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return false;
        bound = new TimeBound((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100, false);
        return true;
    }

    private static bool HasZone(string text)
    {
        int t = text.IndexOfAny(['T', 't', ' ']);
        if (t < 0) return false;
        var clock = text.AsSpan(t + 1);
        return clock.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || clock.IndexOfAny('+', '-') > 0;
    }
}
