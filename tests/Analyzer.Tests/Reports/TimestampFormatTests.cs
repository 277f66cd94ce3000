using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>The hand-written RFC 3339 formatter against .NET's own calendar, over the whole range of a long of nanoseconds.</summary>
public class TimestampFormatTests
{
    [Fact]
    public void Every_nanosecond_count_formats_as_the_dotnet_calendar_does()
    {
        var random = new Random(20261206);
        var values = new List<long> { 0, -1, 1, long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1 };
        // Day, leap-day and century edges from 1677 to 2262: a day either side of each 1 March and 1 January.
        for (int year = 1678; year <= 2261; year++)
            foreach (var date in new[] { new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(year, 3, 1, 0, 0, 0, DateTimeKind.Utc) })
            {
                long ns = (date - DateTime.UnixEpoch).Ticks * 100;
                values.AddRange([ns - 86_400_000_000_000, ns - 1, ns, ns + 1]);
            }
        for (int i = 0; i < 200_000; i++) values.Add(random.NextInt64(long.MinValue, long.MaxValue));
        for (int i = 0; i < 200_000; i++) values.Add(random.NextInt64(-10_000_000_000_000_000, 10_000_000_000_000_000));

        Span<byte> utf8 = stackalloc byte[Timestamps.Rfc3339Length];
        foreach (long ns in values)
        {
            string expected = ByCalendar(ns);
            Assert.Equal(expected, Timestamps.Rfc3339(ns));
            Timestamps.FormatRfc3339(ns, utf8);
            Assert.Equal(expected, Encoding.ASCII.GetString(utf8));
            Assert.Equal(ns, Timestamps.ParseRfc3339(expected));
        }
    }

    // What the reports wrote before: the date and time by DateTime, the nine digits after them.
    private static string ByCalendar(long ns)
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
}
