using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Issue 3, through the real pipeline: on every capture with SIP (public and lab), the JSON report's requests per
/// method and responses per status — summed over the capture points of the file — equal <c>tshark -q -z sip,stat</c>.
/// A router capture of both legs is compared one interface at a time (tshark takes the second copy of a TCP
/// segment for a retransmission and does not count the SIP in it), and its whole-file sum against the sum of its legs.
/// </summary>
public class SipCountsMatchTsharkTests
{
    private sealed record Difference(string? TsharkFilter, string[] TsharkOptions, Dictionary<string, long>? AlsoCounted, string Why);

    // What we count on purpose differently from tshark, and why. The tshark side is filtered or adjusted by
    // exactly that much, so any other difference still fails.
    private static readonly Dictionary<string, Difference> Differences = new()
    {
        ["public/heplify/sip_ipv4_tcp_fragmented.pcap"] = new(null, ["-d", "tcp.port==6060,sip"], null,
            "SIP over TCP on port 6060: tshark finds it only when told; we find SIP by content"),
        ["public/heplify/sip_sctp.pcap"] = new("!sctp", [], null,
            "SIP over SCTP is not decoded (SCTP is out of scope; the README lists UDP, TCP and TLS)"),
        ["public/heplify/sip_tcp_websocket.pcap"] = new("!websocket", [], null,
            "SIP over WebSocket is not decoded; the UDP legs of the same calls are counted"),
        ["public/PcapPlusPlus/sip_reqs.pcap"] = new(null, [], new() { ["BYE"] = 1 },
            "frame 4's BYE ends inside its headers (no blank line): we count it and record the anomaly "
            + "headers-unterminated, tshark raises Malformed before its statistics tap sees it"),
    };

    // Captures with SIP that this comparison leaves out, and why.
    private static readonly Dictionary<string, string> LeftOut = new()
    {
        ["public/wireshark-wiki/c07-sip-r2.cap"] = "a Microsoft NetMon file, not pcap/pcapng (see Not_a_pcap_file_is_refused_not_counted)",
        ["public/nDPI/fuzz-2006-06-26-2594.pcap"] = "a fuzzed copy of aaa.pcap: tshark drops every message whose dissection throws "
            + "(bad IP/UDP lengths, mangled headers) while we count each message whose start line parses; hostile input is tested elsewhere",
    };

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var file in PublicCaptureCatalog.WithSip().Where(f => !LeftOut.ContainsKey(f))) data.Add(file);
        foreach (var scenario in LabScenario.Names())
        {
            data.Add($"lab/{scenario}/pbx-uplink.pcap");
            if (File.Exists(Fixtures.PathOf($"lab/{scenario}/router1.pcapng"))) data.Add($"lab/{scenario}/router1.pcapng");
        }
        // The lab runs captured with tcpdump -i any on the PBX as well (Linux cooked v2, the uplink and loopback).
        foreach (var dir in Directory.EnumerateDirectories(Fixtures.PathOf("lab-cooked")).Order(StringComparer.Ordinal))
            data.Add($"lab-cooked/{Path.GetFileName(dir)}/pbx-any.pcap");
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Requests_per_method_and_responses_per_status_equal_tshark(string capture)
    {
        string file = Fixtures.PathOf(capture);
        var difference = Differences.GetValueOrDefault(capture);
        var parts = InterfaceParts.Of(file);
        var tsharkRequests = new Dictionary<string, long>();
        var tsharkResponses = new Dictionary<int, long>();
        foreach (var part in parts)
        {
            var tshark = TsharkSipStat.ReadFiltered(part, difference?.TsharkFilter, difference?.TsharkOptions ?? []);
            var expectedRequests = new Dictionary<string, long>(tshark.Requests);
            foreach (var (method, n) in difference?.AlsoCounted ?? new Dictionary<string, long>()) expectedRequests[method] = expectedRequests.GetValueOrDefault(method) + n;

            var ours = PipelineReport.Of(part);
            string where = parts.Count > 1 ? $"{capture} interface {parts.ToList().IndexOf(part)}" : capture;
            Assert.True(Same(expectedRequests, ours.Requests()), $"{where}: requests {Show(ours.Requests())}, tshark {Show(expectedRequests)}");
            Assert.True(Same(tshark.Responses, ours.Responses()), $"{where}: responses {Show(ours.Responses())}, tshark {Show(tshark.Responses)}");
            Add(tsharkRequests, expectedRequests);
            Add(tsharkResponses, tshark.Responses);
        }
        if (parts.Count > 1)
        {
            // The whole file: each interface is its own capture point, the report sums them.
            var whole = PipelineReport.Of(file);
            Assert.Equal(parts.Count, whole.Result.Points.Count);
            Assert.True(Same(tsharkRequests, whole.Requests()), $"{capture}: requests {Show(whole.Requests())}, tshark per leg {Show(tsharkRequests)}");
            Assert.True(Same(tsharkResponses, whole.Responses()), $"{capture}: responses {Show(whole.Responses())}, tshark per leg {Show(tsharkResponses)}");
        }
    }

    [Fact]
    public void The_truncated_BYE_is_counted_with_the_anomaly_tshark_reports()
    {
        // tshark's expert info on frames 3 (ACK) and 4 (BYE): "Header not terminated by empty line" resp. a
        // header without colon and a Malformed exception — the frames whose header section never ends.
        string file = Fixtures.PathOf("public/PcapPlusPlus/sip_reqs.pcap");
        var unterminated = Tshark.Fields(file, "sip && (_ws.expert.message contains \"not terminated by empty line\" || _ws.malformed)",
            ["frame.number"], "-n").Select(r => long.Parse(r[0]));
        var report = PipelineReport.Of(file);
        var tally = report.Result.Points.Single().Sip.Statistics.Anomalies["headers-unterminated"];
        Assert.Equal(unterminated, tally.Frames.Select(f => f.Frame));
    }

    [Fact]
    public void Not_a_pcap_file_is_refused_not_counted()
    {
        // tshark reads NetMon captures; pcapsip reads pcap and pcapng only, and says so instead of guessing.
        var report = PipelineReport.Of(Fixtures.PathOf("public/wireshark-wiki/c07-sip-r2.cap"));
        Assert.NotNull(report.Result.Captures.Single().Error);
        Assert.Empty(report.Requests());
    }

    [Fact]
    public void No_SIP_is_found_where_tshark_finds_none()
    {
        var withSip = PublicCaptureCatalog.WithSip().ToHashSet();
        var found = new List<string>();
        foreach (var capture in PublicCaptureCatalog.All().Where(f => !withSip.Contains(f)))
        {
            var report = PipelineReport.Of(Fixtures.PathOf(capture));
            if (report.Requests().Count > 0 || report.Responses().Count > 0) found.Add(capture);
        }
        Assert.Empty(found);
    }

    private static bool Same<TKey>(IReadOnlyDictionary<TKey, long> a, IReadOnlyDictionary<TKey, long> b) where TKey : notnull =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out long n) && n == p.Value);

    private static void Add<TKey>(Dictionary<TKey, long> sum, IReadOnlyDictionary<TKey, long> part) where TKey : notnull
    {
        foreach (var (key, n) in part) sum[key] = sum.GetValueOrDefault(key) + n;
    }

    private static string Show<TKey>(IReadOnlyDictionary<TKey, long> counts) where TKey : notnull =>
        "{" + string.Join(", ", counts.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")) + "}";
}
