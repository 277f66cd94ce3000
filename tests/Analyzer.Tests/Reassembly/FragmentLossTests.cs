using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// The lab's fragments-dropped scenario (tests/lab: router 1 drops every IP fragment after the first, a phone's
/// 1.9 kB INVITE goes out in two): the INVITE never reaches the PBX whole. From the PBX uplink alone it is nothing
/// SIP at all unless the first fragments are read; with router 1's legs the place where the rest dies is known.
/// Counts are checked against tshark's own IP reassembly of the same files.
/// </summary>
public class FragmentLossTests
{
    private static readonly string Dir = Fixtures.PathOf("lab/fragments-dropped");
    private static readonly string Uplink = Path.Combine(Dir, "pbx-uplink.pcap");
    private static readonly string Router1 = Path.Combine(Dir, "router1.pcapng");

    [Fact]
    public async Task The_uplink_alone_names_the_invite_that_never_arrived_whole_and_how_often()
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(Uplink)]);

        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("192.168.1.20:5060", finding.Client);
        Assert.Equal("192.168.0.10:5060", finding.Server);
        var evidence = Assert.IsType<FragmentLossEvidence>(finding.Evidence);
        Assert.StartsWith("INVITE sip:8000@192.168.0.10", evidence.Message);
        // tshark: the first fragments here that it could never reassemble (no later fragment came).
        int unreassembled = Tshark.Fields(Uplink, "frame.number", "ip.reassembled_in", "ip.flags.mf", "ip.frag_offset")
            .Count(r => r[2] == "1" && r[3] == "0" && r[1].Length == 0);
        Assert.Equal(6, unreassembled);
        Assert.Equal(unreassembled, evidence.Copies);
        Assert.Equal(unreassembled, finding.Count);
        Assert.Null(evidence.MessageBytes); // the last fragment never came: the size is not known here
        Assert.Contains("never arrives whole", finding.Summary);
        Assert.Contains("registration", finding.ClientSymptom); // the small messages keep working
        // The PBX's own ICMP "fragment reassembly time exceeded" errors quoting these datagrams, as tshark reads them.
        var timeouts = Tshark.Fields(Uplink, "frame.number", "icmp.type", "icmp.code")
            .Where(r => r[1] == "11" && r[2] == "1").Select(r => long.Parse(r[0])).ToList();
        Assert.Equal(3, timeouts.Count);
        Assert.Contains($"192.168.0.10 itself reported {timeouts.Count} of them with ICMP", finding.Explanation);
        Assert.All(timeouts, frame => Assert.Contains(finding.Frames, f => f.Frame == frame));

        var cause = Assert.Single(result.Causes);
        Assert.Equal(CauseKind.FragmentsDropped, cause.Kind);
        Assert.Equal(Severity.Error, cause.Severity);
        Assert.Contains("let IP fragments through", cause.Fix);
        Assert.Contains("TCP", cause.Fix);
    }

    [Fact]
    public async Task Both_legs_of_the_router_place_the_loss_between_them_and_fold_the_receivers_icmp_into_it()
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync(
            CaptureInput.For([Uplink, Router1], []));

        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost);
        var evidence = Assert.IsType<FragmentLossEvidence>(finding.Evidence);
        Assert.Equal("router1#lan-b", evidence.DroppedAfter);
        Assert.Equal("router1#lan-a", evidence.DroppedBefore);
        Assert.Equal(["router1#lan-b"], evidence.WholeAt);
        Assert.Equal(["router1#lan-a", "pbx-uplink"], evidence.PartialAt);
        // tshark puts the INVITE together on lan-b: its length there is the message's.
        // (not the copies quoted in ICMP errors, which tshark dissects too)
        var lanB = Tshark.Fields(Router1, "frame.interface_name", "sip.Method", "udp.length", "icmp.type")
            .Where(r => r[0] == "lan-b" && r[1] == "INVITE" && r[3].Length == 0).ToList();
        Assert.Equal(6, lanB.Count);
        Assert.Equal(int.Parse(lanB[0][2]) - 8, evidence.MessageBytes);

        // One cause: the PBX's ICMP "fragment reassembly time exceeded" is the loss seen from the receiver.
        var cause = Assert.Single(result.Causes);
        Assert.Equal(CauseKind.FragmentsDropped, cause.Kind);
        Assert.Contains("between router1#lan-b and router1#lan-a", cause.Summary);
        Assert.Contains(cause.Findings, f => f.Kind == FindingKind.IcmpError);
        Assert.DoesNotContain(result.Causes, c => c.Kind == CauseKind.NetworkError);
        // The reporter of the ICMP errors is the PBX, even where router 1 forwarded them (its MAC on lan-b).
        var icmp = Assert.Single(result.Findings, f => f.Kind == FindingKind.IcmpError);
        Assert.DoesNotContain("Router 192.168.1.1", icmp.Explanation);
        Assert.Equal(1, CountOf(icmp.Explanation, "answered the INVITE"));
    }

    [Fact]
    public async Task A_leg_that_gets_every_fragment_reassembles_the_invite_as_tshark_does_and_finds_nothing()
    {
        string lanB = Path.Combine(Path.GetTempPath(), $"lan-b-{Guid.NewGuid():N}.pcapng");
        try
        {
            Assert.Equal(0, Tshark.Run("-r", Router1, "-Y", "frame.interface_name == \"lan-b\"", "-w", lanB).ExitCode);
            var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(lanB)]);

            Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost);
            var point = Assert.Single(result.Points);
            Assert.Empty(point.FragmentedSip.Lost);
            int reassembled = Tshark.Fields(lanB, "sip.Method", "icmp.type").Count(r => r[0] == "INVITE" && r[1].Length == 0);
            Assert.Equal(reassembled, point.FragmentedSip.Delivered.Count);
            Assert.All(point.FragmentedSip.Delivered, m => Assert.Equal("call-1-10005@192.168.1.20", m.Head.CallId));
        }
        finally
        {
            File.Delete(lanB);
        }
    }

    /// <summary>
    /// Fragmented SIP that arrives whole, in captures made by others (IPv4: an INVITE with a large body; IPv6): every
    /// message tshark reassembles is followed here too, and none is called lost.
    /// </summary>
    [Theory]
    [InlineData("public/packetnet/udp-ip-fragmented.pcap")]
    [InlineData("public/sngrep/ipv6frag.pcap")]
    public async Task Fragmented_sip_that_arrives_whole_is_followed_as_tshark_reassembles_it_and_never_called_lost(string fixture)
    {
        string file = Fixtures.PathOf(fixture);
        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(file)]);

        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost);
        Assert.DoesNotContain(result.Causes, c => c.Kind == CauseKind.FragmentsDropped);
        var delivered = result.Points.SelectMany(p => p.FragmentedSip.Delivered).ToList();
        Assert.Empty(result.Points.SelectMany(p => p.FragmentedSip.Lost));
        // tshark: SIP messages in frames that complete a reassembled IPv4 or IPv6 datagram.
        var reassembled = Tshark.Fields(file, "sip.Call-ID", "ip.fragments", "ipv6.fragments", "icmp.type")
            .Where(r => r[0].Length > 0 && (r[1].Length > 0 || r[2].Length > 0) && r[3].Length == 0).Select(r => r[0]).ToList();
        Assert.NotEmpty(reassembled);
        Assert.Equal(reassembled.Order(StringComparer.Ordinal), delivered.Select(m => m.Head.CallId!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(7, 0)] // the capture ends right after the first copy's first fragment: its rest may simply not be in it
    [InlineData(8, 2)] // the phone sent it again: the first copy's rest never came
    public async Task A_single_copy_cut_off_by_the_end_of_the_capture_is_not_called_lost(int packets, int copies)
    {
        string cut = Path.Combine(Path.GetTempPath(), $"cut-{Guid.NewGuid():N}.pcap");
        try
        {
            Assert.Equal(0, Tshark.Run("-r", Uplink, "-Y", $"frame.number <= {packets}", "-w", cut, "-F", "pcap").ExitCode);
            var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(cut)]);

            var found = result.Findings.Where(f => f.Kind == FindingKind.SipFragmentsLost).ToList();
            Assert.Equal(copies == 0 ? 0 : 1, found.Count);
            if (copies > 0) Assert.Equal(copies, Assert.IsType<FragmentLossEvidence>(found[0].Evidence).Copies);
        }
        finally
        {
            File.Delete(cut);
        }
    }

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
