using System.Globalization;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Selection;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// --filter, --from/--to, --call-id and --client keep the packets tshark keeps with the equivalent display filter
/// (<see cref="SelectionComparison"/>). The capture has eight calls between two hosts, each with its RTP stream to
/// the same port, so a selection that took another call's media or SIP would count too many.
/// </summary>
public class SelectionMatchesTsharkTests
{
    private static string Capture => Fixtures.PublicFile("wireshark-wiki/sip-rtp-g726.pcap");
    private const string Call = "1-2137@10.0.2.20";

    public static TheoryData<string, string> Filters() => new()
    {
        { "udp port 5060", "udp.port == 5060" },
        { "udp and not port 6000", "udp && !(udp.port == 6000)" },
        { "src host 10.0.2.20", "ip.src == 10.0.2.20" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_capture_filter_keeps_what_the_display_filter_shows(string bpf, string display)
    {
        var (kept, result) = await AssertSameAs(new PacketSelection { Filter = bpf }, display);
        Assert.InRange(kept, 1, result.Captures[0].Summary.Packets - 1); // a selection, not the whole capture
    }

    [Fact]
    public async Task A_window_in_seconds_from_the_start_is_frame_time_relative()
    {
        var (kept, result) = await AssertSameAs(new PacketSelection { From = Bound("10"), To = Bound("30.5") },
            "frame.time_relative >= 10 && frame.time_relative < 30.5");
        Assert.InRange(kept, 1, result.Captures[0].Summary.Packets - 1);
    }

    [Fact]
    public async Task A_window_in_rfc3339_is_frame_time_epoch()
    {
        double first = double.Parse(Tshark.Fields(Capture, "frame.time_epoch")[0][0], CultureInfo.InvariantCulture);
        // Whole 100 ns ticks, so the bound is the same instant in both tools.
        long ticks = (long)Math.Round((first + 20.25) * 1e7);
        var from = DateTimeOffset.UnixEpoch.AddTicks(ticks);
        string text = from.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        string epoch = (ticks / 1e7).ToString("F7", CultureInfo.InvariantCulture);
        var (kept, result) = await AssertSameAs(new PacketSelection { From = Bound(text) }, $"frame.time_epoch >= {epoch}");
        Assert.InRange(kept, 1, result.Captures[0].Summary.Packets - 1);
    }

    [Fact]
    public async Task A_call_id_keeps_its_sip_and_the_rtp_its_sdp_set_up()
    {
        var sdp = SelectionComparison.FrameSet(Capture, $"sip.Call-ID == \"{Call}\" && sdp");
        Assert.NotEmpty(sdp);
        var (kept, _) = await AssertSameAs(new PacketSelection { CallId = Call },
            $"sip.Call-ID == \"{Call}\" || rtp.setup-frame in {{{sdp}}} || rtcp.setup-frame in {{{sdp}}}",
            sipFilter: $"sip.Call-ID == \"{Call}\"");
        Assert.InRange(kept, 400, 500); // one call of eight: its 6 SIP messages and 425 RTP packets
    }

    [Fact]
    public async Task A_client_keeps_its_own_sip_and_the_rtp_of_its_calls()
    {
        var sdp = SelectionComparison.FrameSet(Capture, "ip.addr == 10.0.2.20 && udp.port == 5060 && sdp");
        var (kept, result) = await AssertSameAs(new PacketSelection { Client = Client("10.0.2.20:5060") },
            $"(ip.addr == 10.0.2.20 && (udp.port == 5060 || tcp.port == 5060)) || rtp.setup-frame in {{{sdp}}} || rtcp.setup-frame in {{{sdp}}}",
            sipFilter: "ip.addr == 10.0.2.20 && (udp.port == 5060 || tcp.port == 5060)");
        Assert.InRange(kept, 1, result.Captures[0].Summary.Packets - 1);
    }

    [Fact]
    public async Task A_selection_that_keeps_nothing_reports_an_empty_capture()
    {
        var (result, _) = await Analyse(new PacketSelection { CallId = "no-such-call" });
        Assert.Equal(0, result.Captures[0].Kept!.Count);
        Assert.Equal(0, result.Protocols.Sip);
        Assert.Empty(result.RtpStreams);
    }

    private static Task<(long Kept, AnalysisResult Result)> AssertSameAs(PacketSelection selection, string display, string? sipFilter = null) =>
        SelectionComparison.AssertSameAs(Capture, selection, display, sipFilter);

    private static Task<(AnalysisResult Result, JsonElement Json)> Analyse(PacketSelection selection) =>
        SelectionComparison.Analyse(Capture, selection);

    private static TimeBound Bound(string text) => TimeBound.TryParse(text, out var bound) ? bound : throw new ArgumentException(text);

    private static ClientAddress Client(string text) => ClientAddress.TryParse(text, out var client) ? client : throw new ArgumentException(text);
}
