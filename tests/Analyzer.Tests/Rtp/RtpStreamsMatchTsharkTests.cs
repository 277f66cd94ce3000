using System.Globalization;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// Differential tests: on every public fixture that carries RTP, the streams we find and their packets, loss,
/// delta and jitter equal what tshark 4.0 prints with its RTP heuristic on.
/// </summary>
public class RtpStreamsMatchTsharkTests
{
    // Streams tshark's heuristic reports that we leave out on purpose, with the reason.
    private static readonly Dictionary<string, (string[] Streams, string Why)> Differences = new()
    {
        ["PcapPlusPlus/ip4_fragments.pcap"] = (
            ["10.118.213.211:2049 -> 10.118.213.212:789 0x00000000", "10.118.213.212:789 -> 10.118.213.211:2049 0x00000002"],
            "NFS on port 2049 and IP fragments, not RTP: tshark's heuristic takes any version-2-looking datagram"),
        ["nDPI/fuzz-2006-06-26-2594.pcap"] = (
            ["81.168.1.2:30000 -> 212.242.33.36:40392 0x3796CB71", "192.168.1.3:30000 -> 212.242.33.36:40392 0x3796CB71"],
            "single fuzzed datagrams (source address mangled) matching no SDP endpoint"),
        ["packetnet/ipv6_rtp.pcap"] = (
            ["fd01:abab:cdcd:efe0:8655:ab4d:6299:e315:40004 -> fd01:cafe::1:6000 0x359F41E4"],
            "a single RTP packet without SDP: one datagram is no proof of a stream"),
    };

    // Fixtures whose payload names depend on which of several SDP bodies (here Megaco descriptors, local and
    // remote, some without a=rtpmap) Wireshark applied to a port: we compare their figures, not their names.
    private static readonly HashSet<string> NamesDiffer = ["nDPI/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap"];

    public static TheoryData<string> Fixtures => new()
    {
        "wireshark-wiki/aaa.pcap",
        "wireshark-wiki/Asterisk_ZFONE_XLITE.pcap",
        "wireshark-wiki/MagicJack-_short_call.pcap",
        "wireshark-wiki/SIP_DTMF2.cap",
        "wireshark-wiki/sip-rtp-g711.pcap",
        "wireshark-wiki/sip-rtp-g722.pcap",
        "wireshark-wiki/sip-rtp-g726.pcap",
        "wireshark-wiki/sip-rtp-g729a.pcap",
        "wireshark-wiki/sip-rtp-gsm.pcap",
        "wireshark-wiki/sip-rtp-ilbc.pcap",
        "wireshark-wiki/sip-rtp-lpc.pcap",
        "wireshark-wiki/sip-rtp-opus.pcap",
        "wireshark-wiki/sip-rtp-opus-hybrid.pcap",
        "wireshark-wiki/sip-rtp-speex.pcap",
        "wireshark-wiki/sip-rtp-dvi4.pcap",
        "wireshark-wiki/rtp-opus-only.pcap",
        "wireshark-wiki/h263-over-rtp.pcap",
        "wireshark-wiki/h223-over-rtp.pcap.gz",
        "wireshark-wiki/rtp_example.raw.gz",
        "wireshark-wiki/sip-tls-1.3-and-rtcp/tls-1.3/sip.pcap",
        "wireshark-wiki/nb6-telephone.pcap",
        "heplify/sip_ipv4_tcp.pcap",
        "heplify/rtp_rtcp_sip_ipv4_udp.pcap",
        "nDPI/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap",
        "nDPI/fuzz-2006-06-26-2594.pcap",
        "nDPI/rtp.pcapng",
        "packetnet/ipv6_rtp.pcap",
        "PcapPlusPlus/ip4_fragments.pcap",
        "sipp/dtmf_2833_0.pcap",
        "sipp/dtmf_2833_pound.pcap",
        "sipp/dtmf_2833_star.pcap",
        "sipp/g711a.pcap",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Streams_packets_loss_delta_and_jitter_equal_tshark(string fixture)
    {
        string path = FixturePackets.PathOf(fixture);
        var expected = TsharkRtpStreams.Run(path, heuristic: true);
        Assert.NotEmpty(expected);
        var ours = RtpFixtureRun.Analyze(path).Streams.ToDictionary(Id);

        var skipped = Differences.TryGetValue(fixture, out var d) ? d.Streams : [];
        foreach (var row in expected)
        {
            if (skipped.Contains(row.Id))
            {
                Assert.False(ours.ContainsKey(row.Id), $"{row.Id} should be left out: {d.Why}");
                continue;
            }
            Assert.True(ours.TryGetValue(row.Id, out var stream), $"tshark's stream {row.Id} not found; ours: {string.Join("; ", ours.Keys)}");
            var s = stream.Statistics;
            Assert.Equal((row.Id, row.Packets, row.Lost), (row.Id, s.Packets, s.Lost));
            if (!NamesDiffer.Contains(fixture))
                Assert.Equal(row.Payload, stream.PayloadNames);
            Near(row, "max delta", row.MaxDelta, s.HasDelta ? s.MaxDelta : 0);
            Near(row, "mean delta", row.MeanDelta, s.MeanDelta);
            Near(row, "min delta", row.MinDelta, s.MinDelta);
            Near(row, "max jitter", row.MaxJitter, s.MaxJitter);
            Near(row, "mean jitter", row.MeanJitter, s.MeanJitter);
            Near(row, "min jitter", row.MinJitter, s.MinJitter);
            Assert.True(row.Problem == s.Problem, $"{row.Id}: problem flag {s.Problem}, tshark {row.Problem}");
        }
        Assert.Equal(expected.Count - skipped.Length, ours.Count);
    }

    private static string Id(RtpStream s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Source}:{s.SourcePort} -> {s.Destination}:{s.DestinationPort} 0x{s.Ssrc:X8}");

    // tshark prints three decimals: equal within 0.001 ms.
    private static void Near(TsharkRtpStreams.Row row, string what, double tshark, double ours) =>
        Assert.True(Math.Abs(tshark - ours) <= 0.001 + 1e-9, $"{row.Id}: {what} {ours:F6}, tshark {tshark:F3}");
}
