using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Scans;

namespace PcapSipAnalyzer.Analyzer.Tests.Diagnosis;

/// <summary>
/// A scan split between capture points (each interface took a share) is counted per point: its cause says what the
/// whole scan was, summed over the points, but only where the points saw different requests. A router's leg and the
/// server's uplink that saw the same scan are two views of one count, never added up.
/// </summary>
public class ScanSharesTests
{
    private const string Server = "10.10.0.10:5060";

    [Fact]
    public void Points_that_each_saw_a_share_add_up_in_the_cause()
    {
        // One finding merged from three points with the same wording (their requests summed by the merger), one
        // of a fourth point with another count.
        var merged = Share(245, "if#0", "if#1", "if#2");
        merged.Details[ScanShares.RequestsKey] = 245L + 245 + 244;
        var other = Share(244, "if#3");

        var cause = Assert.Single(CauseBuilder.Build([merged, other], [], null));

        Assert.Equal(CauseKind.SipScan, cause.Kind);
        Assert.StartsWith("SIP scan of 10.10.0.10:5060: 245 INVITE requests", cause.Summary);
        Assert.EndsWith("That is one capture point's share: 4 points each saw a part of the scan, 978 requests in all.", cause.Summary);
    }

    [Fact]
    public void Views_of_the_same_requests_at_two_points_are_not_added_up()
    {
        // The router saw the scan go by, the uplink saw it and the answers: each finding lists both points, since each
        // one's sampled requests were seen at the other.
        var router = Scan(250, "router", "uplink");
        var uplink = Scan(250, "uplink", "router");
        // Merged from views of the same requests, or from points whose samples the matching did not hold: no sum.
        var copies = Scan(250, "a", "b");

        Assert.DoesNotContain("share", Assert.Single(CauseBuilder.Build([router, uplink], [], null)).Summary);
        Assert.DoesNotContain("share", Assert.Single(CauseBuilder.Build([copies], [], null)).Summary);
        Assert.Null(ScanShares.AllPoints([router, uplink], router));
        // Two findings of one point (its requests worded two ways) are not two shares either.
        var first = Share(100, "a");
        Assert.Null(ScanShares.AllPoints([first, Share(150, "a")], first));
        // One finding that cannot tell (no sum) and the cause adds nothing, whatever the others say.
        Assert.Null(ScanShares.AllPoints([first, Share(150, "b"), Scan(150, "c")], first));
        Assert.NotNull(ScanShares.AllPoints([first, Share(150, "b")], first));
    }

    [Fact]
    public void One_point_or_one_share_says_nothing_more()
    {
        var alone = Share(300, "uplink");
        Assert.Equal(alone.Summary, Assert.Single(CauseBuilder.Build([alone], [], null)).Summary);

        // Two points, but all the requests were the lead's (the other counted none): nothing to add.
        var lead = Share(300, "a");
        var empty = Share(0, "b");
        Assert.Null(ScanShares.AllPoints([lead, empty], lead));
        Assert.NotNull(ScanShares.AllPoints([lead, Share(1, "b")], lead));
    }

    [Fact]
    public void A_sweep_is_one_cause_and_only_its_lead_endpoints_points_are_shares()
    {
        // One scanner: shares of its scan of 10.10.0.10 at two interfaces, and 50 requests to 10.10.0.11 at a third.
        var scanner = PcapSipAnalyzer.Protocols.Frames.NetAddress.Parse("203.0.113.7");
        var a = WithSample(Share(245, "if#0"), scanner);
        var b = WithSample(Share(240, "if#1"), scanner);
        var other = WithSample(ShareAt("10.10.0.11:5060", 50, "if#2"), scanner);
        // Another scanner's scan of a third server stays a cause of its own.
        var stranger = WithSample(ShareAt("10.10.0.12:5060", 120, "if#3"), PcapSipAnalyzer.Protocols.Frames.NetAddress.Parse("198.51.100.9"));

        var causes = CauseBuilder.Build([a, b, other, stranger], [], null);

        Assert.Equal(2, causes.Count);
        var sweep = Assert.Single(causes, c => c.Findings.Count == 3);
        Assert.StartsWith("SIP scan of 10.10.0.10:5060: 245 INVITE requests", sweep.Summary);
        Assert.Contains("2 points each saw a part of the scan, 485 requests in all.", sweep.Summary);
        Assert.EndsWith("The same source also scanned 1 more server endpoint (10.10.0.11:5060) with 50 requests: a sweep of the network.", sweep.Summary);
        Assert.Equal("(ip.src == 203.0.113.7) && sip.Method", sweep.WiresharkFilter);
        var alone = Assert.Single(causes, c => c.Findings.Count == 1);
        Assert.Same(stranger, alone.Findings[0]);
        Assert.DoesNotContain("also scanned", alone.Summary);
    }

    [Fact]
    public void Shares_too_thin_to_be_scans_stand_only_when_proved_different_and_enough_together()
    {
        var a = Thin(Share(60, "if#0"));
        var b = Thin(Share(60, "if#1"));
        Assert.Contains("120 requests in all", Assert.Single(CauseBuilder.Build([a, b], [], null)).Summary);
        // Proved different but too few together, or not proved different (the same requests at two points): no scan.
        Assert.Empty(CauseBuilder.Build([Thin(Share(40, "if#0")), Thin(Share(50, "if#1"))], [], null));
        Assert.Empty(CauseBuilder.Build([Thin(Scan(60, "router", "uplink")), Thin(Scan(60, "uplink", "router"))], [], null));
        // A real scan beside them keeps its cause whatever its shares prove.
        Assert.Single(CauseBuilder.Build([Share(300, "uplink"), Thin(Scan(60, "router", "uplink"))], [], null));
    }

    private static Finding Thin(Finding f)
    {
        f.Evidence = (SipScanEvidence)f.Evidence! with { ShareOfSplitScan = true };
        return f;
    }

    private static Finding WithSample(Finding f, PcapSipAnalyzer.Protocols.Frames.NetAddress source)
    {
        var e = (SipScanEvidence)f.Evidence!;
        var request = new PcapSipAnalyzer.Analyzer.Packets.PacketMeta { SourceIp = source, SourcePort = 5060 };
        f.Evidence = e with { Samples = [new ScanSample($"{source}:5060", "INVITE", null, null, null, null, [], request)] };
        return f;
    }

    // One point's or several points' finding whose requests no other point saw: the merger recorded their sum.
    private static Finding Share(long requests, params string[] points) => ShareAt(Server, requests, points);

    private static Finding ShareAt(string server, long requests, params string[] points)
    {
        var f = ScanAt(server, requests, points);
        f.Details[ScanShares.RequestsKey] = requests;
        return f;
    }

    private static Finding Scan(long requests, params string[] points) => ScanAt(Server, requests, points);

    private static Finding ScanAt(string server, long requests, params string[] points)
    {
        var f = new Finding
        {
            Kind = FindingKind.SipScan,
            Severity = Severity.Info,
            Summary = $"SIP scan of {server}: {requests} INVITE requests from 64 source addresses; answered none of them.",
            Server = server,
            Transport = PcapSipAnalyzer.Analyzer.Packets.Transport.Udp,
            Count = (int)requests,
            Evidence = new SipScanEvidence(requests, 0, requests, [], 0, 64, false, 1, [new("INVITE", requests)], [], 1, [], [], []),
        };
        f.Details["points"] = points.ToList();
        return f;
    }
}
