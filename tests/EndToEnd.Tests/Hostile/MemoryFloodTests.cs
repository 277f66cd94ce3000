using PcapSipAnalyzer.Synthesizer;
using static PcapSipAnalyzer.EndToEnd.Tests.Hostile.FloodTests;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// One memory budget per analysis: floods that grew a list inside one dialog or registration, the Contacts or
/// m= lines of a message, the state of 1 024 capture points, TCP connections or RTP streams past any cap,
/// each run through the CLI at a size that just passes the cap that bounds it. Exit 0, peak RSS ≤ 300 MB,
/// and the eviction named in <c>state_evictions</c> with its console WARNING. The full sizes are in
/// floods.sh and the README.
/// </summary>
public class MemoryFloodTests
{
    [Theory]
    // 200 UPDATEs in one dialog: past the 32 first + 32 latest transactions and SDP bodies a dialog keeps.
    [InlineData(FloodKind.DialogRequests, 200, "sip-dialog-history-not-retained")]
    // 64 m= lines per SDP: past the 8 the parser reads.
    [InlineData(FloodKind.DialogMedia, 100, "sdp-media-not-parsed")]
    // 200 challenged REGISTERs on one Call-ID: past the 32 + 32 transactions an attempt keeps.
    [InlineData(FloodKind.RegisterRefreshes, 200, "sip-registration-history-not-retained")]
    // 2 000 Contacts per REGISTER and per 200: past the 32 the parser reads.
    [InlineData(FloodKind.RegisterContacts, 10, "sip-contacts-not-parsed")]
    // 1 000 m= lines per INVITE.
    [InlineData(FloodKind.InviteMedia, 10, "sdp-media-not-parsed")]
    // 14 000 INVITEs over 1 024 interfaces (~14 per point): past the 10 000 transactions retained per analysis.
    [InlineData(FloodKind.InterfaceCallIds, 14_000, "sip-transactions-not-retained")]
    // 70 000 connections: past the 65 536 tracked per analysis.
    [InlineData(FloodKind.TcpHalfMessages, 70_000, "tcp-connections")]
    [InlineData(FloodKind.TcpTinySegments, 70_000, "tcp-connections")]
    public void Flood_stays_within_the_budget_and_names_its_eviction(FloodKind kind, long count, string eviction)
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, kind, o =>
        {
            o.FloodCount = count;
            if (kind == FloodKind.InterfaceCallIds) o.Format = CaptureFileFormat.Pcapng;
        });
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var evictions = Evictions(report);
        Assert.True(evictions.GetValueOrDefault(eviction) > 0, $"{kind} × {count:N0} never reached {eviction}: {Describe(report)}\n{run}");
        AssertWarned(run, evictions);
    }

    [Fact]
    public void Rtp_packets_each_a_new_stream_under_rtp_ports_stay_within_the_budget()
    {
        // Every packet a stream of its own (new SSRC and port inside --rtp-ports, so no confirmation is
        // needed): 60 000 pass the 50 000 active streams; one-packet streams retired from the table are dropped.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.RtpSsrcs, o => o.FloodCount = 60_000);
        var (run, report) = Analyze(folder, capture, "--rtp-ports", $"{FloodSynthesizer.RtpFloodLowPort}-29999");

        AssertBounded(run);
        var evictions = Evictions(report);
        Assert.True(evictions.GetValueOrDefault("rtp-streams") > 0, $"60 000 one-packet streams passed the cap: {Describe(report)}\n{run}");
        AssertWarned(run, evictions);
    }
}
