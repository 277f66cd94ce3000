using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// The lab's fragments-dropped scenario (tests/lab: router 1 drops every IP fragment after the first): phone 1001's
/// 1.9 kB INVITE and phone 1002's 1.6 kB REGISTER with credentials go out in two fragments and never reach the PBX
/// whole. From the PBX uplink alone they are nothing SIP at all unless the first fragments are read; with router 1's
/// legs the place where the rest dies is known. Counts are checked against tshark's own IP reassembly of the files.
/// </summary>
public class FragmentLossTests
{
    private const string Caller = "192.168.1.20", Registrant = "192.168.1.21", Pbx = "192.168.0.10";
    private static readonly string Dir = Fixtures.PathOf("lab/fragments-dropped");
    private static readonly string Uplink = Path.Combine(Dir, "pbx-uplink.pcap");
    private static readonly string Router1 = Path.Combine(Dir, "router1.pcapng");

    [Fact]
    public async Task The_uplink_alone_names_each_message_that_never_arrived_whole_and_how_often()
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(Uplink)]);

        // tshark: per sender, the first fragments here that it could never reassemble (no later fragment came), and
        // the PBX's ICMP "fragment reassembly time exceeded" sent back to it.
        var rows = Tshark.Fields(Uplink, "frame.number", "ip.src", "ip.reassembled_in", "ip.flags.mf", "ip.frag_offset", "icmp.type", "icmp.code", "ip.dst");
        int Unreassembled(string source) => rows.Count(r => r[1] == source && r[3] == "1" && r[4] == "0" && r[2].Length == 0);
        List<long> Timeouts(string client) => rows.Where(r => r[5] == "11" && r[6] == "1" && r[7].Split('|', ',')[0] == client)
            .Select(r => long.Parse(r[0])).ToList();

        var invite = Assert.Single(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost && f.Client == $"{Caller}:5060");
        var register = Assert.Single(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost && f.Client == $"{Registrant}:5060");
        Assert.Equal(2, result.Findings.Count);
        foreach (var (finding, client, method) in new[] { (invite, Caller, "INVITE"), (register, Registrant, "REGISTER") })
        {
            Assert.Equal(Severity.Error, finding.Severity);
            Assert.Equal($"{Pbx}:5060", finding.Server);
            var evidence = Assert.IsType<FragmentLossEvidence>(finding.Evidence);
            Assert.StartsWith($"{method} sip:", evidence.Message);
            Assert.Equal(Unreassembled(client), evidence.Copies);
            Assert.Equal(evidence.Copies, finding.Count);
            Assert.Null(evidence.MessageBytes); // the last fragment never came: the size is not known here
            var timeouts = Timeouts(client);
            Assert.NotEmpty(timeouts);
            Assert.Contains($"{Pbx} itself reported {(timeouts.Count == 1 ? "one of these datagrams" : $"{timeouts.Count} of them")} with ICMP", finding.Explanation);
            Assert.All(timeouts, frame => Assert.Contains(finding.Frames, f => f.Frame == frame));
        }
        Assert.Equal(6, invite.Count); // the INVITE until timer B
        Assert.Equal(10, register.Count); // the REGISTER with credentials until timer F
        Assert.Equal(2, register.CSeq);
        Assert.Contains("registration", invite.ClientSymptom); // the small messages keep working
        Assert.Contains("wrong password", register.ClientSymptom);

        var cause = Assert.Single(result.Causes);
        Assert.Equal(CauseKind.FragmentsDropped, cause.Kind);
        Assert.Equal(Severity.Error, cause.Severity);
        Assert.Equal([$"{Caller}:5060", $"{Registrant}:5060"], cause.Clients);
        Assert.Contains("let IP fragments through", cause.Fix);
        Assert.Contains("TCP", cause.Fix);
        // Each kind of message too large shows something else on the phone: the cause says both.
        Assert.Contains("cannot call", cause.Symptom);
        Assert.Contains("never registers", cause.Symptom);
        Assert.Equal($"ip.src in {{{Caller},{Registrant}}} && ip.dst == {Pbx} && (ip.flags.mf == 1 || ip.frag_offset > 0)", cause.WiresharkFilter);
    }

    [Fact]
    public async Task Both_legs_of_the_router_place_the_loss_between_them_and_nothing_blames_the_pbx()
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync(CaptureInput.For([Uplink, Router1], []));

        var invite = Assert.Single(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost && f.Client == $"{Caller}:5060");
        var evidence = Assert.IsType<FragmentLossEvidence>(invite.Evidence);
        Assert.Equal("router1#lan-b", evidence.DroppedAfter);
        Assert.Equal("router1#lan-a", evidence.DroppedBefore);
        Assert.Equal(["router1#lan-b"], evidence.WholeAt);
        Assert.Equal(["router1#lan-a", "pbx-uplink"], evidence.PartialAt);
        // tshark puts the INVITE together on lan-b (not the copies quoted in ICMP errors): its length there is the message's.
        var lanB = Tshark.Fields(Router1, "frame.interface_name", "sip.Method", "udp.length", "icmp.type")
            .Where(r => r[0] == "lan-b" && r[1] == "INVITE" && r[3].Length == 0).ToList();
        Assert.Equal(6, lanB.Count);
        Assert.Equal(int.Parse(lanB[0][2]) - 8, evidence.MessageBytes);

        // One cause. On lan-b the REGISTER with credentials was whole and unanswered: that is not a silent PBX (it
        // never got it), so its register-unanswered finding is evidence of the fragments, as are the PBX's ICMP errors.
        var cause = Assert.Single(result.Causes);
        Assert.Equal(CauseKind.FragmentsDropped, cause.Kind);
        Assert.Contains("between router1#lan-b and router1#lan-a", cause.Summary);
        Assert.Contains(cause.Findings, f => f.Kind == FindingKind.IcmpError);
        var unanswered = Assert.Single(cause.Findings, f => f.Kind == FindingKind.RegisterUnanswered);
        Assert.Equal($"{Registrant}:5060", unanswered.Client);
        Assert.Contains("never reached the server whole", unanswered.Explanation);
        Assert.DoesNotContain(result.Causes, c => c.Kind is CauseKind.NetworkError or CauseKind.ServerSilent);
        // The reporter of the ICMP errors is the PBX, even where router 1 forwarded them (its MAC on lan-b).
        Assert.All(result.Findings.Where(f => f.Kind == FindingKind.IcmpError), icmp =>
        {
            Assert.DoesNotContain("Router 192.168.1.1", icmp.Explanation);
            Assert.Equal(1, CountOf(icmp.Explanation, " answered the "));
        });
    }

    [Fact]
    public async Task A_leg_that_gets_every_fragment_reassembles_each_message_as_tshark_does_and_finds_no_loss()
    {
        string lanB = Path.Combine(Path.GetTempPath(), $"lan-b-{Guid.NewGuid():N}.pcapng");
        try
        {
            Assert.Equal(0, Tshark.Run("-r", Router1, "-Y", "frame.interface_name == \"lan-b\"", "-w", lanB).ExitCode);
            var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(lanB)]);

            Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost);
            var point = Assert.Single(result.Points);
            Assert.Empty(point.FragmentedSip.Lost);
            // tshark: the SIP messages in frames that complete a reassembled datagram (not those quoted in ICMP).
            var reassembled = Tshark.Fields(lanB, "sip.Call-ID", "sip.CSeq.seq", "ip.fragments", "icmp.type")
                .Where(r => r[0].Length > 0 && r[2].Length > 0 && r[3].Length == 0).Select(r => $"{r[0]} {r[1]}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(16, reassembled.Count);
            // The copies of one message are one entry, counting them.
            Assert.Equal(2, point.FragmentedSip.Delivered.Count);
            Assert.Equal(reassembled, point.FragmentedSip.Delivered.SelectMany(m => Enumerable.Repeat($"{m.Head.CallId} {m.Head.CSeq}", m.Copies))
                .Order(StringComparer.Ordinal));
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
        Assert.Equal(reassembled.Order(StringComparer.Ordinal),
            delivered.SelectMany(m => Enumerable.Repeat(m.Head.CallId!, m.Copies)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_single_copy_cut_off_by_the_end_of_the_capture_is_not_called_lost_two_copies_are()
    {
        // The uplink's first fragments of the REGISTER with credentials, in file order.
        var first = Tshark.Fields(Uplink, "frame.number", "ip.src", "ip.flags.mf", "ip.frag_offset")
            .Where(r => r[1] == Registrant && r[2] == "1" && r[3] == "0").Select(r => long.Parse(r[0])).ToList();
        Assert.True(first.Count >= 2);
        foreach (var (packets, copies) in new[] { (first[0], 0), (first[1], 2) })
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
    }

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
