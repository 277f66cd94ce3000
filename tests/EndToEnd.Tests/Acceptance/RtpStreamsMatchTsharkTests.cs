using System.Globalization;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Issue 4, through the real pipeline: on every RTP-bearing capture (public and lab; multi-interface files one
/// interface at a time), the JSON report's <c>rtp_streams</c> are the streams of <c>tshark -q -z rtp,streams
/// --enable-heuristic rtp_udp</c>, with the same packets and lost, and max delta, max jitter and mean jitter
/// within 0.001 ms (both print three decimals of the same figure).
/// </summary>
public class RtpStreamsMatchTsharkTests
{
    // Streams tshark's heuristic reports that we leave out on purpose, with the reason.
    private static readonly Dictionary<string, (string[] Streams, string Why)> LeftOut = new()
    {
        ["public/PcapPlusPlus/ip4_fragments.pcap"] = (
            ["10.118.213.211:2049 -> 10.118.213.212:789 0x00000000", "10.118.213.212:789 -> 10.118.213.211:2049 0x00000002"],
            "NFS on port 2049 and IP fragments, not RTP: tshark's heuristic takes any version-2-looking datagram"),
        ["public/nDPI/fuzz-2006-06-26-2594.pcap"] = (
            ["81.168.1.2:30000 -> 212.242.33.36:40392 0x3796CB71", "192.168.1.3:30000 -> 212.242.33.36:40392 0x3796CB71"],
            "single fuzzed datagrams (source address mangled) matching no SDP endpoint"),
        ["public/packetnet/ipv6_rtp.pcap"] = (
            ["fd01:abab:cdcd:efe0:8655:ab4d:6299:e315:40004 -> fd01:cafe::1:6000 0x359F41E4"],
            "a single RTP packet without SDP: one datagram is no proof of a stream"),
        ["public/nDPI/stun_dtls_rtp.pcapng"] = (
            ["142.250.82.249:3478 -> 192.168.12.182:50221 0x2F696C70", "142.250.82.249:3478 -> 192.168.12.182:50221 0x321D28BB"],
            "RTP relayed by TURN over TCP (tshark: tcp:stun:rtp): TURN framing is not decoded, so the relayed media is not seen"),
        ["public/nDPI/stun_dtls_rtp_unidir.pcapng"] = (
            ["10.1.0.3:5853 -> 10.10.0.1:2808 0x26CF4F5D", "10.10.0.1:65226 -> 10.1.0.3:57730 0xD23DDC13"],
            "RTP inside TURN Send/Data indications (tshark: udp:stun:rtp, named by the XOR-PEER-ADDRESS): TURN is not decoded"),
    };

    // How many rows of fewer than HeuristicMinPackets (3) packets tshark's heuristic makes of datagrams on flows no
    // SDP announced: one or two datagrams that look like version-2 RTP are no proof of a stream (encrypted UDP of
    // Telegram's calls; a lone relay probe of WhatsApp; an RFC 4733 event sent once beside an SRTP stream).
    private static readonly Dictionary<string, int> TooShortForTheHeuristic = new()
    {
        ["public/nDPI/telegram_videocall.pcapng"] = 13,
        ["public/nDPI/stun_signal.pcapng"] = 4,
        ["public/nDPI/stun_wa_call.pcapng"] = 1,
        ["public/nDPI/wa_voice.pcap"] = 1,
    };

    // Flows where tshark leaves some datagrams of a DTLS-SRTP flow undissected ("data": the DTLS conversation
    // claims the flow, tshark decodes a packet as RTP only when its heuristics run first), so it counts packets
    // that carry the next sequence numbers as lost. Telling tshark the port is RTP (-d udp.port==N,rtp) gives
    // every one of them, and our figures; the test asserts both halves.
    private static readonly Dictionary<string, int[]> TsharkLeavesRtpAsData = new()
    {
        ["public/nDPI/stun_google_meet.pcapng"] = [38152, 45572],
        ["public/nDPI/stun_signal.pcapng"] = [47767],
    };

    // A stream whose port an H.248/Megaco gateway-control message switched to T.38 (UDPTL) mid-call. We read SDP
    // from SIP only, so the T.38 datagrams stay in the RTP stream: its packets are tshark's plus the T.38
    // datagrams tshark shows on that flow; lost is equal; the timing figures include the T.38 datagrams.
    // The whole capture also holds SIP's own T.38 re-INVITE (frame 3104, CSeq 3, answered 488) and the audio
    // re-INVITE that follows (frame 3124): the 6 datagrams in between we take for T.38 on SIP's word, as tshark
    // does, so they are in neither RTP figure and are the report's protocols.t38.
    private static readonly Dictionary<string, (string Stream, string NotInSipT38Window)> SwitchedToT38 = new()
    {
        ["public/nDPI/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap"] = ("10.35.60.100:15580 -> 10.23.1.52:16756 0x0EAF0EAF", "frame"),
        ["public/wireshark-wiki/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap"] = ("10.35.60.100:15580 -> 10.23.1.52:16756 0x0EAF0EAF",
            "!(frame.number > 3104 && frame.number < 3124)"),
    };

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var file in PublicCaptureCatalog.WithRtp()) data.Add(file);
        foreach (var name in LabScenario.Names())
        {
            var scenario = LabScenario.Load(name);
            if (scenario.MediaStreamsSeenAt("pbx-uplink") > 0) data.Add($"lab/{name}/pbx-uplink.pcap");
            if (scenario.Router1 is not null && scenario.MediaStreamsSeenAt("router1") > 0) data.Add($"lab/{name}/router1.pcapng");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Streams_packets_lost_delta_and_jitter_equal_tshark(string capture)
    {
        var parts = InterfaceParts.Of(Fixtures.PathOf(capture));
        var skipped = LeftOut.TryGetValue(capture, out var left) ? left.Streams.ToList() : [];
        int compared = 0, leftOut = 0, tooShort = 0, dataByTshark = 0;
        foreach (var part in parts)
        {
            var expected = TsharkRtpStreams.Run(part, heuristic: true);
            var ours = PipelineReport.Of(part).Json.GetProperty("rtp_streams").EnumerateArray().ToDictionary(Id);
            if (TooShortForTheHeuristic.ContainsKey(capture))
            {
                var shortRows = expected.Where(r => r.Packets < new RtpEngineOptions().HeuristicMinPackets && !ours.ContainsKey(r.Id)).ToList();
                tooShort += shortRows.Count;
                expected.RemoveAll(shortRows.Contains);
            }
            if (TsharkLeavesRtpAsData.TryGetValue(capture, out var ports))
                dataByTshark += ReplaceByDecodeAs(part, ports, expected);
            foreach (var row in expected)
            {
                if (skipped.Contains(row.Id))
                {
                    Assert.False(ours.ContainsKey(row.Id), $"{row.Id} should be left out: {left.Why}");
                    leftOut++;
                    continue;
                }
                Assert.True(ours.TryGetValue(row.Id, out var stream), $"{capture}: tshark's stream {row.Id} not found; ours: {string.Join("; ", ours.Keys)}");
                compared++;
                if (SwitchedToT38.TryGetValue(capture, out var switched) && switched.Stream == row.Id)
                {
                    int t38 = Tshark.Fields(part, $"t38 && {switched.NotInSipT38Window} && ip.src == {row.Source} && udp.srcport == {row.SourcePort} && ip.dst == {row.Destination} && udp.dstport == {row.DestinationPort}", ["frame.number"], "-n").Count;
                    Assert.True(t38 > 0, $"{row.Id}: tshark shows no T.38 on this flow any more");
                    Assert.Equal((row.Id, row.Packets + t38, row.Lost), (row.Id, Long(stream, "packets"), Long(stream, "lost")));
                    // What SIP switched to T.38 is counted as T.38: tshark's T.38 datagrams inside SIP's window.
                    int sipT38 = Tshark.Fields(part, $"t38 && !({switched.NotInSipT38Window})", ["frame.number"], "-n").Count;
                    Assert.Equal(sipT38, PipelineReport.Of(part).Json.GetProperty("protocols").GetProperty("t38").GetInt64());
                    continue;
                }
                Assert.Equal((row.Id, row.Packets, row.Lost), (row.Id, Long(stream, "packets"), Long(stream, "lost")));
                Near(capture, row, "max delta", row.MaxDelta, stream.GetProperty("max_delta_ms").GetDouble());
                Near(capture, row, "max jitter", row.MaxJitter, stream.GetProperty("max_jitter_ms").GetDouble());
                Near(capture, row, "mean jitter", row.MeanJitter, stream.GetProperty("mean_jitter_ms").GetDouble());
            }
            Assert.True(expected.Count(r => !skipped.Contains(r.Id)) == ours.Count,
                $"{capture}: {ours.Count} streams, tshark {expected.Count(r => !skipped.Contains(r.Id))}: {string.Join("; ", ours.Keys)}");
        }
        Assert.True(compared + leftOut + tooShort > 0, $"{capture}: tshark finds no stream");
        Assert.Equal(skipped.Count, leftOut);
        Assert.Equal(TooShortForTheHeuristic.GetValueOrDefault(capture), tooShort);
        Assert.Equal(TsharkLeavesRtpAsData.ContainsKey(capture), dataByTshark > 0);
    }

    /// <summary>
    /// Replaces the rows of streams on <paramref name="ports"/> by tshark's rows when told those ports carry RTP,
    /// after checking that the heuristic rows still miss packets there (else the exception is stale). Returns how
    /// many rows were replaced.
    /// </summary>
    private static int ReplaceByDecodeAs(string part, int[] ports, List<TsharkRtpStreams.Row> expected)
    {
        var options = ports.SelectMany(p => new[] { "-d", $"udp.port=={p},rtp" }).ToList();
        var forced = TsharkRtpStreams.Run(part, heuristic: true, options).ToDictionary(r => r.Id);
        int replaced = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            var row = expected[i];
            if (!ports.Contains(row.SourcePort) && !ports.Contains(row.DestinationPort))
                continue;
            Assert.True(forced.TryGetValue(row.Id, out var decoded), $"{row.Id}: not a stream when its port is decoded as RTP");
            if (decoded.Packets == row.Packets)
                continue;
            Assert.True(decoded.Packets > row.Packets && decoded.Lost < row.Lost,
                $"{row.Id}: decoding the port as RTP gives {decoded.Packets} packets / {decoded.Lost} lost, the heuristic {row.Packets} / {row.Lost}");
            expected[i] = decoded;
            replaced++;
        }
        return replaced;
    }

    [Fact]
    public void The_one_way_audio_call_is_flagged_rtp_one_way()
    {
        var scenario = LabScenario.Load("one-way-audio");
        var findings = PipelineReport.Of(scenario.PbxUplink).Json.GetProperty("findings").EnumerateArray().ToList();
        var oneWay = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "rtp-one-way");
        var call = scenario.Clients.Single(c => c.Role == "call");
        Assert.Equal(call.Client, oneWay.GetProperty("client").GetString());
        // The lab dropped the phone's RTP toward the PBX: the PBX's RTP port is the side that hears nothing.
        Assert.Contains("192.168.0.10", oneWay.GetProperty("wireshark_filter").GetString());
    }

    [Fact]
    public void The_healthy_call_gets_no_rtp_finding()
    {
        var scenario = LabScenario.Load("healthy");
        foreach (var file in new[] { scenario.PbxUplink, scenario.Router1! })
        {
            var report = PipelineReport.Of(file);
            Assert.Equal(2 * report.Result.Points.Count, report.Json.GetProperty("rtp_streams").GetArrayLength());
            Assert.DoesNotContain(report.Json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString()!.StartsWith("rtp-", StringComparison.Ordinal));
        }
    }

    private static string Id(JsonElement s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.GetProperty("src_ip").GetString()}:{s.GetProperty("src_port").GetInt32()} -> {s.GetProperty("dst_ip").GetString()}:{s.GetProperty("dst_port").GetInt32()} 0x{s.GetProperty("ssrc").GetUInt32():X8}");

    private static long Long(JsonElement s, string name) => s.GetProperty(name).GetInt64();

    private static void Near(string capture, TsharkRtpStreams.Row row, string what, double tshark, double ours) =>
        Assert.True(Math.Abs(tshark - ours) <= 0.001 + 1e-9, $"{capture} {row.Id}: {what} {ours:F3}, tshark {tshark:F3}");
}
