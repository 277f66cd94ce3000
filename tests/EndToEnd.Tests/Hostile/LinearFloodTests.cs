using System.Text.Json;
using PcapSipAnalyzer.Synthesizer;
using static PcapSipAnalyzer.EndToEnd.Tests.Hostile.FloodTests;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Floods that once took time quadratic in their size (a header section in 10-byte segments, connection keys
/// that collided under the unseeded hash, in-dialog ACKs, forked 180s) or memory of their size (one giant
/// record), at reduced sizes: exit 0, peak RSS ≤ 300 MB, and what they carry is analysed. Before the fixes these
/// sizes took 13 s, 92 s, 8 s and 3 s, and 829 MB; whether time doubles with size is measured by
/// floods.sh (README.md next to this file), since a timed test would be flaky on shared cores.
/// </summary>
public class LinearFloodTests
{
    [Fact]
    public void A_megabyte_header_section_in_ten_byte_segments_is_framed()
    {
        using var folder = new TempFolder();
        var (run, report) = Analyze(folder, Synthesize(folder, FloodKind.TinySegments, o => o.HeaderBytes = 1_000_000));

        AssertBounded(run);
        var requests = report.RootElement.GetProperty("sip").GetProperty("requests");
        Assert.Equal(1, requests.GetProperty("INVITE").GetInt64());
        Assert.Equal(1, requests.GetProperty("OPTIONS").GetInt64());
    }

    [Fact]
    public void Sixty_five_thousand_connections_with_colliding_keys_are_all_tracked()
    {
        using var folder = new TempFolder();
        var (run, report) = Analyze(folder, Synthesize(folder, FloodKind.CollidingConnections, o => o.FloodCount = 65_536));

        AssertBounded(run);
        Assert.Equal(65_536, report.RootElement.GetProperty("points")[0].GetProperty("packets").GetInt64());
        // Every connection holds its unfinished start line until the shared buffer budget is spent: no
        // connection was evicted from the table, so all 65 536 keys were in it at once.
        Assert.False(report.RootElement.GetProperty("state_evictions").TryGetProperty("tcp-connections", out _));
    }

    [Fact]
    public void Twenty_thousand_in_dialog_acks_each_find_the_invite()
    {
        using var folder = new TempFolder();
        var (run, report) = Analyze(folder, Synthesize(folder, FloodKind.InDialogAcks, o => o.FloodCount = 20_000));

        AssertBounded(run);
        var requests = report.RootElement.GetProperty("sip").GetProperty("requests");
        Assert.Equal(20_000, requests.GetProperty("ACK").GetInt64());
        Assert.Equal(20_000, requests.GetProperty("INFO").GetInt64());
        Assert.False(report.RootElement.GetProperty("anomalies").TryGetProperty("sip:ack-without-invite", out _), Describe(report));
    }

    [Fact]
    public void Twenty_thousand_forked_ringing_responses_stay_in_one_dialog()
    {
        using var folder = new TempFolder();
        var (run, report) = Analyze(folder, Synthesize(folder, FloodKind.ForkedRinging, o => o.FloodCount = 20_000));

        AssertBounded(run);
        Assert.Equal(20_000, report.RootElement.GetProperty("sip").GetProperty("responses").GetProperty("180").GetInt64());
        Assert.Single(report.RootElement.GetProperty("dialogs").EnumerateArray());
        // The first 64 branches' tags are indexed, the others only counted: the dialog stays small enough to be kept.
        Assert.Equal(20_000 - 64, Evictions(report).GetValueOrDefault("sip-dialog-tags-not-indexed"));
        Assert.False(Evictions(report).ContainsKey("sip-dialogs-not-retained"));
    }

    [Fact]
    public void A_record_of_64_MiB_is_skipped_without_being_held()
    {
        using var folder = new TempFolder();
        var (run, report) = Analyze(folder, Synthesize(folder, FloodKind.HugeRecord, o => o.HeaderBytes = 64L << 20));

        AssertBounded(run);
        // 64 MiB held once by the reader and once in its scratch copy would pass 128 MB on its own.
        Assert.True(run.PeakRssKb < 128 * 1024, run.ToString());
        var oversize = report.RootElement.GetProperty("anomalies").GetProperty("record-oversize");
        Assert.Equal(1, oversize.GetProperty("count").GetInt64());
        Assert.Equal(2, oversize.GetProperty("frames")[0].GetProperty("frame").GetInt64());
        Assert.Equal(2, report.RootElement.GetProperty("sip").GetProperty("requests").GetProperty("OPTIONS").GetInt64());
        Assert.Contains(report.RootElement.GetProperty("captures")[0].GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.Contains("skipped", StringComparison.Ordinal));
    }

    private static string Describe(JsonDocument report) => report.RootElement.GetProperty("anomalies").ToString();
}
