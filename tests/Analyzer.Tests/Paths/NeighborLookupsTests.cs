using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// The table of who asked ARP for whom: a request stays unanswered until its target speaks on the link, and an ARP
/// sweep of 40 000 addresses (a scanner, a host with a wide mask) stays within the caps, the rest counted.
/// </summary>
public class NeighborLookupsTests
{
    private static readonly SegmentKey Link = new(0, 0, 0);

    [Fact]
    public void A_request_is_unanswered_until_its_target_speaks_on_the_link()
    {
        var lookups = new NeighborLookups();
        for (int i = 0; i < 3; i++)
            lookups.Observe(Link, new FrameRef(0, i + 1), i, TestFrames.Arp("02:00:00:00:00:10", "10.0.0.10", "10.1.0.5"));
        var unanswered = lookups.Unanswered(Link, TestFrames.Ip("10.0.0.10"), TestFrames.Ip("10.1.0.5"));
        Assert.NotNull(unanswered);
        Assert.Equal(3, unanswered.Count);
        Assert.Equal([new FrameRef(0, 1), new FrameRef(0, 2), new FrameRef(0, 3)], unanswered.Frames);
        // Another link, or the other direction, is another question.
        Assert.Null(lookups.Unanswered(new SegmentKey(0, 1, 0), TestFrames.Ip("10.0.0.10"), TestFrames.Ip("10.1.0.5")));
        Assert.Null(lookups.Unanswered(Link, TestFrames.Ip("10.1.0.5"), TestFrames.Ip("10.0.0.10")));

        lookups.Observe(Link, new FrameRef(0, 4), 4, TestFrames.Arp("02:00:00:00:00:05", "10.1.0.5", "10.0.0.10", operation: 2, targetMac: "02:00:00:00:00:10"));
        Assert.Null(lookups.Unanswered(Link, TestFrames.Ip("10.0.0.10"), TestFrames.Ip("10.1.0.5")));
    }

    [Fact]
    public void An_arp_sweep_stays_within_the_caps_and_counts_the_rest()
    {
        var lookups = new NeighborLookups();
        const int targets = 40_000;
        for (int i = 0; i < targets; i++)
        {
            string target = $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}";
            lookups.Observe(Link, new FrameRef(0, i + 1), i, TestFrames.Arp("02:00:00:00:00:10", "192.168.0.10", target));
        }
        Assert.Equal(targets - NeighborLookups.MaxLookups, lookups.Dropped);
        Assert.NotNull(lookups.Unanswered(Link, TestFrames.Ip("192.168.0.10"), TestFrames.Ip("10.0.0.0")));
        Assert.Null(lookups.Unanswered(Link, TestFrames.Ip("192.168.0.10"), TestFrames.Ip("10.0.156.63"))); // the 40 000th, past the cap
    }
}
