using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>
/// What the SIP engine finds odd reaches the report's anomalies ("sip:" + kind) with its frames: checked
/// against tshark for responses whose request is not in the capture (same top Via branch and CSeq method,
/// RFC 3261 §17.1.3) — once per transaction, as the first response opens a transaction of its own.
/// </summary>
public class SipAnomalyReportTests
{
    [Theory]
    [InlineData("public/PcapPlusPlus/sip_resp.pcap", 5)]
    [InlineData("public/PcapPlusPlus/sdp.pcap", 1)]
    // A SIP ALG rewrote the Via port of responses (5260 → 5860;rport=5260): they still pair by branch.
    [InlineData("public/heplify/erspan_sip_ipv4_udp.pcapng", 0)]
    public async Task ResponsesWithoutTheirRequestAreReportedWithTheirFrames(string file, int transactions)
    {
        string path = Fixtures.PathOf(file);
        var expected = new List<long>();
        var requests = new HashSet<(string Branch, string Method)>();
        foreach (var row in Tshark.Fields(path, ["-Y", "sip"], "frame.number", "sip.Method", "sip.CSeq.method", "sip.Via.branch"))
        {
            string branch = row[3].Split(',')[0];
            if (row[1].Length > 0) requests.Add((branch, row[1]));
            else if (requests.Add((branch, row[2]))) expected.Add(long.Parse(row[0]));
        }
        Assert.Equal(transactions, expected.Count);

        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);

        if (expected.Count == 0)
        {
            Assert.DoesNotContain("sip:response-without-request", result.Anomalies.Entries.Keys);
            return;
        }
        var entry = result.Anomalies.Entries["sip:response-without-request"];
        Assert.Equal(expected.Count, entry.Count);
        Assert.Equal(expected.Take(AnomalyCounters.MaxFramesPerKind), entry.Frames.Select(f => f.Frame));
    }

    [Fact]
    public async Task HeaderDamageTsharkFlagsIsReportedOnTheSameFrames()
    {
        string path = Fixtures.PathOf("public/PcapPlusPlus/sip_reqs.pcap");
        var expert = Tshark.Fields(path, ["-Y", "sip"], "frame.number", "_ws.expert.message");
        List<long> Flagged(string text) => expert.Where(r => r[1].Contains(text, StringComparison.Ordinal)).Select(r => long.Parse(r[0])).ToList();
        var unterminated = Flagged("Header not terminated by empty line");
        var noColon = Flagged("Header has no colon");
        Assert.NotEmpty(unterminated);
        Assert.NotEmpty(noColon);

        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);

        // tshark stops at the first broken header of a frame; we go on, so a frame with a colon-less header
        // line and no closing empty line is flagged for both.
        var ours = result.Anomalies.Entries["sip:headers-unterminated"].Frames.Select(f => f.Frame).ToHashSet();
        Assert.All(unterminated, frame => Assert.Contains(frame, ours));
        Assert.Equal(noColon, result.Anomalies.Entries["sip:malformed-header"].Frames.Select(f => f.Frame));
    }
}
