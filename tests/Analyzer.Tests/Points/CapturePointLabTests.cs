using System.Diagnostics;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Points;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.TestSupport;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Tests.Points;

/// <summary>
/// Router 1 (both legs) and the PBX uplink analysed together (issue 6): the same verdicts as the PBX capture
/// alone, every message with the points that saw it (checked against tshark by IP id), lost responses with the
/// point where they were last seen, the ALG's rewrites, and the clock offset.
/// </summary>
public class CapturePointLabTests
{
    public static TheoryData<string> Scenarios() =>
        new() { "wrong-gateway-drop", "auth-answer-lost", "no-route", "healthy", "wrong-gateway-forward", "tcp-wrong-gateway-drop" };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Verdicts_equal_those_of_the_pbx_capture_alone(string scenario)
    {
        var both = await LabPoints.BothAsync(scenario);
        var pbx = await LabPoints.PbxAsync(scenario);
        Assert.Equal(3, both.Points.Count);
        Assert.Equal(Verdicts(pbx), Verdicts(both));
        // One finding per client and kind: nothing repeated per point.
        Assert.Equal(both.Findings.Count, both.Findings.Select(f => (f.Client, f.Kind)).Distinct().Count());
        // ...and the lab's ground truth (expected.json never comes from an analyzer).
        Assert.Equal(Expected(scenario), Verdicts(both));
    }

    [Fact]
    public async Task Healthy_gives_no_error_or_warning()
    {
        var both = await LabPoints.BothAsync("healthy");
        Assert.DoesNotContain(both.Findings, f => f.Severity is Severity.Error or Severity.Warning);
        Assert.True(both.Correlation!.Counts[0].Matched > 0);
    }

    [Theory]
    [InlineData("wrong-gateway-drop", 401)]
    [InlineData("no-route", 401)]
    [InlineData("auth-answer-lost", 200)]
    public async Task Lost_responses_say_where_they_were_last_seen(string scenario, int status)
    {
        var both = await LabPoints.BothAsync(scenario);
        var lost = both.Findings.Where(f => f.Kind == FindingKind.ResponseWrongGateway).ToList();
        Assert.Equal(2, lost.Count);
        foreach (var f in lost)
        {
            Assert.Equal("pbx-uplink", f.LastSeenAt);
            Assert.Contains($"the {status} ", f.Explanation);
            Assert.Contains("last seen at pbx-uplink", f.Explanation);
            Assert.Contains("02:a0:00:00:00:fe", f.Explanation);
            Assert.Contains("never reached router1#lan-a or router1#lan-b", f.Explanation);
            // Evidence from both files: the REGISTER passing router 1 and the response leaving the PBX.
            Assert.Contains(f.Frames, r => r.Capture == 0);
            Assert.Contains(f.Frames, r => r.Capture == 1);
            var last = Assert.IsType<Dictionary<string, object?>>(f.Details["last_seen"]);
            Assert.Equal(1, last["capture"]);
        }
    }

    /// <summary>
    /// For every UDP SIP message, the points we say saw it are those where tshark finds a packet with the same IP
    /// id, Call-ID, CSeq and method or status (the lab's router keeps the IP id, also through NAT and the ALG).
    /// </summary>
    [Theory]
    [InlineData("wrong-gateway-drop")]
    [InlineData("auth-answer-lost")]
    [InlineData("no-route")]
    [InlineData("healthy")]
    [InlineData("alg")]
    public async Task Every_message_lists_the_points_where_tshark_sees_it(string scenario)
    {
        var both = await LabPoints.BothAsync(scenario);
        var truth = new Dictionary<string, SortedSet<string>>();
        void Read(string file, string? point)
        {
            foreach (var row in Tshark.Fields(file, ["-Y", "sip && udp && !icmp"], "frame.interface_name", "ip.id", "sip.Call-ID", "sip.CSeq.seq", "sip.CSeq.method", "sip.Method", "sip.Status-Code"))
            {
                string key = Key(Convert.ToUInt16(row[1], 16), row[2], long.Parse(row[3]), row[4], row[5].Length > 0 ? row[5] : row[6]);
                if (!truth.TryGetValue(key, out var set)) truth[key] = set = new();
                set.Add(point ?? "router1#" + row[0]);
            }
        }
        Read(LabPoints.File(scenario, "router1.pcapng"), null);
        Read(LabPoints.File(scenario, "pbx-uplink.pcap"), "pbx-uplink");

        var ours = new Dictionary<string, SortedSet<string>>();
        int transactions = 0;
        foreach (var point in both.Points)
            foreach (var t in point.Sip.Transactions)
            {
                transactions++;
                var messages = both.Correlation!.MessagesOf(t);
                Assert.NotEmpty(messages);
                Assert.All(messages, m => Assert.Equal(m.Sightings.Count, m.Sightings.Select(s => s.Point.Index).Distinct().Count()));
                if (t.Transport != Transport.Udp) continue;
                foreach (var m in messages)
                    foreach (var s in m.Sightings)
                    {
                        string label = m.Kind == MessageKind.Response ? m.Status.ToString() : m.Label;
                        string key = Key(s.Message.IpId, t.CallId!, t.CSeq, s.Message.CSeqMethod ?? (m.Kind == MessageKind.Ack ? "ACK" : t.Method), label);
                        ours[key] = new SortedSet<string>(m.Sightings.Select(x => x.Point.Name));
                    }
            }
        Assert.True(transactions > 0);
        Assert.Equal(truth.Keys.Order(), ours.Keys.Order());
        foreach (var (key, points) in truth)
            Assert.True(points.SetEquals(ours[key]), $"{key}: tshark {string.Join(",", points)}, ours {string.Join(",", ours[key])}");
    }

    private static string Key(ushort ipId, string callId, long cseq, string cseqMethod, string methodOrStatus) =>
        $"{ipId:x4} {callId} {cseq} {cseqMethod} {methodOrStatus}";

    [Fact]
    public async Task Alg_rewrites_are_reported_with_before_and_after_per_expected_json()
    {
        var both = await LabPoints.BothAsync("alg");
        using var expected = JsonDocument.Parse(File.ReadAllText(LabPoints.File("alg", "expected.json")));
        var natMap = expected.RootElement.GetProperty("nat_map").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(Expected("alg"), Verdicts(both));
        foreach (var (client, translated) in natMap)
        {
            var f = Assert.Single(both.Findings, f => f.Kind == FindingKind.SipAlgRewrite && f.Client == client);
            Assert.Equal(Severity.Warning, f.Severity);
            var rewrites = Assert.IsType<List<Dictionary<string, object?>>>(f.Details["rewrites"]);
            string clientIp = client.Split(':')[0], natIp = translated.Split(':')[0];
            foreach (var field in new[] { "Via", "Contact" })
                Assert.Contains(rewrites, r => (string)r["field"]! == field && ((string)r["before"]!).Contains(clientIp + ":")
                    && ((string)r["after"]!).Contains(translated) && (string)r["from_point"]! == "router1#lan-b" && (string)r["to_point"]! == "router1#lan-a");
            var nat = Assert.IsType<List<Dictionary<string, object?>>>(f.Details["nat"]);
            Assert.Contains(nat, r => (string)r["field"]! == "source" && (string)r["before"]! == client && (string)r["after"]! == translated);
            Assert.Contains(f.Frames, r => r.Capture == 0);
            Assert.Contains(natIp, f.Explanation);
        }
        // The call's SDP: c= 192.168.1.20 on the B leg became 192.168.0.1 toward the PBX.
        var call = both.Findings.Single(f => f.Kind == FindingKind.SipAlgRewrite && f.Client == "192.168.1.20:5060");
        var sdp = ((List<Dictionary<string, object?>>)call.Details["rewrites"]!).Single(r => (string)r["field"]! == "SDP c=" && (string)r["from_point"]! == "router1#lan-b");
        Assert.Equal("192.168.1.20", sdp["before"]);
        Assert.Equal("192.168.0.1", sdp["after"]);
    }

    [Fact]
    public async Task Clock_offset_is_near_zero_in_the_lab_and_a_shift_is_recovered()
    {
        var both = await LabPoints.BothAsync("auth-answer-lost");
        var pbx = both.Correlation!.Clocks.Single(c => c.Clock == "pbx-uplink");
        Assert.Equal("router1", pbx.Reference);
        Assert.True(pbx.Samples >= 10, $"{pbx.Samples} samples");
        Assert.InRange(pbx.OffsetNs, -1_000_000, 1_000_000);

        string dir = Directory.CreateTempSubdirectory("pcapsip-points-").FullName;
        try
        {
            // editcap -t moves every timestamp of the PBX capture 2.75 s later: a PBX clock running ahead.
            string shifted = Path.Combine(dir, "pbx-uplink.pcap");
            var editcap = Process.Start("editcap", ["-t", "2.75", LabPoints.File("auth-answer-lost", "pbx-uplink.pcap"), shifted])!;
            editcap.WaitForExit();
            Assert.Equal(0, editcap.ExitCode);
            var moved = await LabPoints.BothAsync("auth-answer-lost", shifted);
            var offset = moved.Correlation!.Clocks.Single(c => c.Clock == "pbx-uplink");
            Assert.InRange(offset.OffsetNs - pbx.OffsetNs, 2_750_000_000 - 1_000, 2_750_000_000 + 1_000);
            Assert.InRange(offset.SpreadNs, pbx.SpreadNs - 1_000, pbx.SpreadNs + 1_000);
            // Applied: the same verdicts, every message matched as before, aligned times back on router 1's clock.
            Assert.Equal(Verdicts(both), Verdicts(moved));
            Assert.Equal(both.Correlation.Counts.Select(c => c.Matched), moved.Correlation.Counts.Select(c => c.Matched));
            // Every PBX message lands where it was before the shift (within the transit delay the estimate absorbs).
            var before = AlignedByFrame(both, "pbx-uplink");
            var after = AlignedByFrame(moved, "pbx-uplink");
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            Assert.All(before, x => Assert.InRange(after[x.Key] - x.Value, -100_000, 100_000));
            Assert.True(offset.Applied);
            Assert.False(pbx.Applied); // microseconds: not told apart from transit delay
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Json_lists_where_each_message_was_seen_and_the_clock_offsets()
    {
        var both = await LabPoints.BothAsync("wrong-gateway-drop");
        using var stream = new MemoryStream();
        JsonReportWriter.Write(stream, both, "test");
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("clock_offsets").GetArrayLength());
        var register = root.GetProperty("transactions").EnumerateArray()
            .First(t => t.GetProperty("point").GetString() == "pbx-uplink" && t.GetProperty("client").GetString() == "192.168.1.20:5060");
        var messages = register.GetProperty("messages").EnumerateArray().ToList();
        var request = messages.First(m => m.GetProperty("kind").GetString() == "request");
        var points = request.GetProperty("seen_at").EnumerateArray().Select(s => s.GetProperty("point").GetString()).ToList();
        Assert.Equal(["router1#lan-b", "router1#lan-a", "pbx-uplink"], points); // the order the REGISTER passed them
        foreach (var s in request.GetProperty("seen_at").EnumerateArray())
        {
            Assert.True(s.GetProperty("frame").GetInt64() > 0);
            Assert.EndsWith("Z", s.GetProperty("ts").GetString());
            Assert.InRange(s.GetProperty("capture").GetInt32(), 0, 1);
        }
        var response = messages.First(m => m.GetProperty("kind").GetString() == "response");
        Assert.Equal(["pbx-uplink"], response.GetProperty("seen_at").EnumerateArray().Select(s => s.GetProperty("point").GetString()));
        Assert.Equal(2, register.GetProperty("same_transaction_at").GetArrayLength());
        var finding = root.GetProperty("findings").EnumerateArray().First();
        Assert.Equal("pbx-uplink", finding.GetProperty("last_seen_at").GetString());
    }

    private static Dictionary<long, long> AlignedByFrame(AnalysisResult result, string point) =>
        result.Correlation!.Transactions.SelectMany(t => t.Messages).SelectMany(m => m.Sightings)
            .Where(s => s.Point.Name == point).ToDictionary(s => s.Message.Frame.Frame, s => s.AlignedNs);

    /// <summary>Error and warning kinds per client (info findings are context, not verdicts).</summary>
    internal static SortedSet<string> Verdicts(AnalysisResult result) =>
        new(result.Findings.Where(f => f.Severity != Severity.Info).Select(f => $"{f.Client ?? f.CallId} {FindingKinds.WireName(f.Kind)}"));

    private static SortedSet<string> Expected(string scenario)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(LabPoints.File(scenario, "expected.json")));
        var set = new SortedSet<string>();
        foreach (var client in doc.RootElement.GetProperty("clients").EnumerateArray())
            foreach (var f in client.GetProperty("expected_findings").EnumerateArray())
                if (f.GetProperty("severity").GetString() != "info")
                    set.Add($"{client.GetProperty("client").GetString()} {f.GetProperty("kind").GetString()}");
        return set;
    }
}
