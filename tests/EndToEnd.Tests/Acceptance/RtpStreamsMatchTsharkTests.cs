using System.Globalization;
using System.Text.Json;
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
    };

    // A stream whose port an H.248/Megaco gateway-control message switched to T.38 (UDPTL) mid-call. We read SDP
    // from SIP only, so the T.38 datagrams stay in the RTP stream: its packets are tshark's plus the T.38
    // datagrams tshark shows on that flow; lost is equal; the timing figures include the T.38 datagrams.
    private static readonly Dictionary<string, string> SwitchedToT38 = new()
    {
        ["public/nDPI/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap"] = "10.35.60.100:15580 -> 10.23.1.52:16756 0x0EAF0EAF",
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
        var skipped = LeftOut.TryGetValue(capture, out var left) ? left.Streams : [];
        int compared = 0, leftOut = 0;
        foreach (var part in parts)
        {
            var expected = TsharkRtpStreams.Run(part, heuristic: true);
            var ours = PipelineReport.Of(part).Json.GetProperty("rtp_streams").EnumerateArray().ToDictionary(Id);
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
                if (SwitchedToT38.GetValueOrDefault(capture) == row.Id)
                {
                    int t38 = Tshark.Fields(part, $"t38 && ip.src == {row.Source} && udp.srcport == {row.SourcePort} && ip.dst == {row.Destination} && udp.dstport == {row.DestinationPort}", ["frame.number"], "-n").Count;
                    Assert.True(t38 > 0, $"{row.Id}: tshark shows no T.38 on this flow any more");
                    Assert.Equal((row.Id, row.Packets + t38, row.Lost), (row.Id, Long(stream, "packets"), Long(stream, "lost")));
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
        Assert.True(compared + leftOut > 0, $"{capture}: tshark finds no stream");
        Assert.Equal(skipped.Length, leftOut);
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
