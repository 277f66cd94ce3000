using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>The per-point column stays bounded, and the delivery verdict across points picks the best evidence.</summary>
public class PointFactsTests
{
    [Fact]
    public void The_console_names_a_few_points_and_counts_the_rest()
    {
        var points = Enumerable.Range(0, 1024).Select(i => Facts($"p{i}", seen: "REGISTER only")).ToList();
        string text = PointList.Text(points, PointList.ConsolePoints, " · ");
        Assert.Equal("p0: REGISTER only · p1: REGISTER only · p2: REGISTER only · p3: REGISTER only · … 1020 more points", text);
        Assert.Equal("p0: REGISTER only", PointList.Text(points.Take(1).ToList(), PointList.ConsolePoints, " · "));
    }

    [Fact]
    public void A_verdict_beats_unknown_and_the_point_nearest_the_client_breaks_a_tie()
    {
        var server = Facts("pbx-uplink", delivered: "no", finalSeenNs: 100);
        var router = Facts("router1#lan-a", delivered: "unknown");
        Assert.Equal(new DeliveryProof("no", "pbx-uplink", "evidence at pbx-uplink"), DeliveryProof.Best([router, server]));

        // Both say yes: the point the response passed last (nearest the client) is the closer view of it.
        var leg = Facts("router1#lan-b", delivered: "yes", finalSeenNs: 200);
        var uplink = Facts("pbx-uplink", delivered: "yes", finalSeenNs: 100);
        Assert.Equal("router1#lan-b", DeliveryProof.Best([uplink, leg]).Point);

        // A later step of a registration outranks what a point saw of an earlier one.
        var earlier = Facts("router1#lan-b", delivered: "yes", cseq: 1);
        var later = Facts("pbx-uplink", delivered: "unknown", cseq: 2, finalSeenNs: 300);
        var best = DeliveryProof.Best([earlier, later]);
        Assert.Equal(("unknown", null), (best.Delivered, best.Point));
        Assert.Equal("unknown", best.Text(severalPoints: true));
    }

    private static PointFacts Facts(string point, string seen = "", string delivered = "unknown", long? finalSeenNs = null, long cseq = 1) =>
        new() { Point = point, Seen = seen, Delivered = delivered, FinalSeenNs = finalSeenNs, CSeq = cseq, DeliveryEvidence = "evidence at " + point };
}
