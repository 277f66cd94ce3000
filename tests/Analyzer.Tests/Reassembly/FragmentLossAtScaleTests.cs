using System.Buffers.Binary;
using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// The field's normal case for dropped fragments: a site with thousands of phones behind one router, a scanner
/// running, and a firewall that drops every fragment after the first. Each phone's large INVITE reaches the PBX
/// uplink as first fragments only (three copies each). One cause counts every phone, its findings are capped, the
/// scan stays its own, and the state stays within its budget — past it, what was not followed is counted.
/// </summary>
public class FragmentLossAtScaleTests
{
    private const string Pbx = "10.10.0.10";
    private const long SecondNs = 1_000_000_000;

    [Fact]
    public async Task Three_thousand_phones_behind_one_router_losing_their_invites_during_a_scan_are_one_cause()
    {
        var result = await AnalyzeAsync(phones: 3000, scanners: 2000);

        var cause = Assert.Single(result.Causes, c => c.Kind == CauseKind.FragmentsDropped);
        Assert.Equal(3000, cause.ClientCount);
        Assert.Equal(Severity.Error, cause.Severity);
        Assert.True(cause.Findings.Count <= FindingCap.MaxPerKind + 1, $"{cause.Findings.Count} findings");
        // Every listed finding counts its phone's three copies; the capped rest is one finding that counts them all.
        Assert.All(cause.Findings.Where(f => f.Evidence is FragmentLossEvidence), f => Assert.Equal(3, f.Count));
        Assert.Contains(result.Causes, c => c.Kind == CauseKind.SipScan && c.Severity != Severity.Error);
        Assert.DoesNotContain(result.Causes, c => c.Kind is not (CauseKind.FragmentsDropped or CauseKind.SipScan));
        Assert.False(result.StateEvictions.ContainsKey("sip-fragmented-messages"));
        // The copies of one phone's INVITE are one entry.
        Assert.Equal(3000, result.Points.Sum(p => p.FragmentedSip.Lost.Count));
    }

    [Fact]
    public async Task Past_the_budget_the_messages_not_followed_are_counted_and_the_rest_still_make_the_cause()
    {
        // 6 000 phones' INVITEs all in flight within one reassembly timeout: more than the 4 096 messages followed.
        var result = await AnalyzeAsync(phones: 6000, scanners: 0, spreadSeconds: 10);

        long notFollowed = result.StateEvictions.GetValueOrDefault("sip-fragmented-messages");
        Assert.True(notFollowed > 0, "no message went unfollowed past the budget");
        int followed = result.Points.Sum(p => p.FragmentedSip.Lost.Count);
        Assert.InRange(followed, 1, FragmentedSipTracker.MaxMessages);
        var cause = Assert.Single(result.Causes, c => c.Kind == CauseKind.FragmentsDropped);
        Assert.Equal(followed, cause.ClientCount);
    }

    [Fact]
    public async Task A_message_whose_retransmission_got_through_whole_is_not_called_lost()
    {
        // The first copy loses its second fragment; the second copy, half a second later, arrives whole.
        const string phone = "10.20.0.1";
        byte[] first = FirstFragment(phone, 0);
        var frames = new List<(long Ns, byte[] Frame)>
        {
            (0, Ethernet(0x0800, Ipv4(17, phone, Pbx, first, 1, moreFragments: true))),
            (SecondNs / 2, Ethernet(0x0800, Ipv4(17, phone, Pbx, first, 2, moreFragments: true))),
            (SecondNs / 2 + 1000, Ethernet(0x0800, Ipv4(17, phone, Pbx, new byte[1908 - 1480], 2, fragmentOffset: 1480))),
            (40 * SecondNs, Ethernet(0x0800, Ipv4(17, phone, Pbx, Udp(9, 9, [0]), 3))),
        };
        var result = await AnalyzeAsync(frames);

        var point = Assert.Single(result.Points);
        Assert.Single(point.FragmentedSip.Lost); // the first copy's rest never came …
        Assert.Single(point.FragmentedSip.Delivered); // … the second's did
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost);
        Assert.DoesNotContain(result.Causes, c => c.Kind == CauseKind.FragmentsDropped);
    }

    private static async Task<AnalysisResult> AnalyzeAsync(int phones, int scanners, int spreadSeconds = 60)
    {
        var frames = new List<(long Ns, byte[] Frame)>();
        ushort id = 1;
        for (int i = 0; i < phones; i++)
        {
            string phone = $"10.20.{i / 250}.{i % 250 + 1}";
            long start = i * (spreadSeconds * SecondNs / phones);
            byte[] first = FirstFragment(phone, i);
            // The phone's INVITE and two retransmissions (timer A), each a datagram of its own; the rest never comes.
            for (int copy = 0; copy < 3; copy++)
                frames.Add((start + copy * SecondNs / 2, Ethernet(0x0800, Ipv4(17, phone, Pbx, first, id++, fragmentOffset: 0, moreFragments: true))));
        }
        for (int i = 0; i < scanners; i++)
        {
            string scanner = $"45.{i / 250 % 250}.{i % 250}.7";
            var register = Ascii($"REGISTER sip:{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {scanner}:5070;branch=z9hG4bK-s{i}\r\n" +
                                 $"From: <sip:100@{Pbx}>;tag=s{i}\r\nTo: <sip:100@{Pbx}>\r\nCall-ID: scan-{i}\r\nCSeq: 1 REGISTER\r\n" +
                                 "User-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n");
            frames.Add((i * (spreadSeconds * SecondNs / Math.Max(1, scanners)), Ethernet(0x0800, Ipv4(17, scanner, Pbx, Udp(5070, 5060, register), id++))));
        }
        // The capture runs on past every reassembly timeout.
        frames.Add(((spreadSeconds + 40) * SecondNs, Ethernet(0x0800, Ipv4(17, "10.20.0.1", Pbx, Udp(9, 9, [0]), id++))));
        return await AnalyzeAsync(frames);
    }

    /// <summary>
    /// tcpdump's <c>udp port 5060</c>, the field's most common capture filter, keeps only the first fragment of a large
    /// message (the others carry no port): the PBX got the INVITE and answered it, and the phone acknowledged. That
    /// is no loss, whatever the capture lacks.
    /// </summary>
    [Fact]
    public async Task A_capture_filtered_by_port_that_lacks_the_other_fragments_of_an_answered_invite_finds_no_loss()
    {
        const string phone = "10.20.0.1";
        string Dialog(string firstLine, string cseq) =>
            $"{firstLine}\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-0\r\nFrom: <sip:1000@{Pbx}>;tag=t0\r\n" +
            $"To: <sip:8000@{Pbx}>;tag=pbx\r\nCall-ID: call-0@{phone}\r\nCSeq: {cseq}\r\nContact: <sip:8000@{Pbx}>\r\nContent-Length: 0\r\n\r\n";
        var frames = new List<(long Ns, byte[] Frame)>
        {
            (0, Ethernet(0x0800, Ipv4(17, phone, Pbx, FirstFragment(phone, 0), 1, moreFragments: true))),
            (SecondNs / 100, Ethernet(0x0800, Ipv4(17, Pbx, phone, Udp(5060, 5060, Ascii(Dialog("SIP/2.0 100 Trying", "1 INVITE"))), 2))),
            (SecondNs, Ethernet(0x0800, Ipv4(17, Pbx, phone, Udp(5060, 5060, Ascii(Dialog("SIP/2.0 200 OK", "1 INVITE"))), 3))),
            (SecondNs + SecondNs / 100, Ethernet(0x0800, Ipv4(17, phone, Pbx, Udp(5060, 5060,
                Ascii(Dialog($"ACK sip:8000@{Pbx} SIP/2.0", "1 ACK").Replace("branch=z9hG4bK-0", "branch=z9hG4bK-ack"))), 4))),
            (40 * SecondNs, Ethernet(0x0800, Ipv4(17, phone, Pbx, Udp(9, 9, [0]), 5))),
        };
        var result = await AnalyzeAsync(frames);

        Assert.Single(Assert.Single(result.Points).FragmentedSip.Lost); // only the first fragment is in the capture …
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.SipFragmentsLost); // … but the INVITE was answered
        Assert.DoesNotContain(result.Causes, c => c.Kind == CauseKind.FragmentsDropped);
    }

    /// <summary>
    /// SIP over UDP is repeated until answered: one copy of a message, and nothing else of it, means its sender was
    /// answered out of this capture's sight (a capture of one direction keeps the phone's first fragments and none of
    /// the PBX's answers). The receiver's own ICMP "fragment reassembly time exceeded" says otherwise.
    /// </summary>
    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task One_copy_is_a_loss_only_when_the_receiver_says_so(bool receiverReports, int findings)
    {
        const string phone = "10.20.0.1";
        var first = Ipv4(17, phone, Pbx, FirstFragment(phone, 0), 7, moreFragments: true);
        var frames = new List<(long Ns, byte[] Frame)>
        {
            (0, Ethernet(0x0800, first)),
            (40 * SecondNs, Ethernet(0x0800, Ipv4(17, phone, Pbx, Udp(9, 9, [0]), 8))),
        };
        // The PBX's ICMP quotes the first fragment's IP header and the first bytes of what it carried.
        if (receiverReports) frames.Add((30 * SecondNs, Ethernet(0x0800, Ipv4(1, Pbx, phone, Icmp(11, 1, 0, first[..(20 + 64)]), 9))));
        var result = await AnalyzeAsync(frames);

        Assert.Single(Assert.Single(result.Points).FragmentedSip.Lost);
        Assert.Equal(findings, result.Findings.Count(f => f.Kind == FindingKind.SipFragmentsLost));
    }

    // Times relative to the capture's start.
    private static Task<AnalysisResult> AnalyzeAsync(List<(long Ns, byte[] Frame)> frames) =>
        SyntheticAnalysis.RunAsync(frames.Select(f => (SyntheticCapture.StartNs + f.Ns, f.Frame)));

    // The first 1 480 bytes of a 1 900-byte INVITE over UDP: UDP header (length of the whole datagram) and the SIP head.
    private static byte[] FirstFragment(string phone, int i)
    {
        string head = $"INVITE sip:8000@{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-{i}\r\nMax-Forwards: 70\r\n" +
                      $"From: <sip:{1000 + i}@{Pbx}>;tag=t{i}\r\nTo: <sip:8000@{Pbx}>\r\nCall-ID: call-{i}@{phone}\r\nCSeq: 1 INVITE\r\n" +
                      "Content-Type: application/sdp\r\nContent-Length: 1400\r\n\r\nv=0\r\n";
        var sip = new byte[1472];
        Array.Fill(sip, (byte)'a');
        Ascii(head).CopyTo(sip, 0);
        var udp = new byte[8 + sip.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 5060);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), 5060);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), 1908);
        sip.CopyTo(udp, 8);
        return udp;
    }
}
