using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>The list of undecoded link types is bounded however many a hostile capture declares.</summary>
public class UndecodedLinkTypesTests
{
    [Fact]
    public void LinkTypesPastTheCapAreCountedButNotListed()
    {
        var undecoded = new UndecodedLinkTypes();
        for (int linkType = 1000; linkType < 1000 + UndecodedLinkTypes.MaxLinkTypes + 4; linkType++)
        {
            undecoded.Add(linkType);
            undecoded.Add(linkType);
        }
        undecoded.Add(1000);

        Assert.Equal(UndecodedLinkTypes.MaxLinkTypes, undecoded.Entries.Count);
        Assert.Equal((1000, "LINKTYPE_1000", 3L), (undecoded.Entries[0].LinkType, undecoded.Entries[0].Name, undecoded.Entries[0].Packets));
        Assert.Equal(2, undecoded.Entries[^1].Packets);
        Assert.Equal(8, undecoded.UnlistedPackets);
    }

    [Fact]
    public void CountingAllocatesNothing()
    {
        var undecoded = new UndecodedLinkTypes();
        undecoded.Add(147);
        // A clean CI run once counted 8,168 bytes here: something the runtime did once on this thread (as in
        // RtpEngineMemoryTests). An allocation per call shows in every attempt, so the quietest of three is the one that says.
        long allocated = long.MaxValue, added = 1;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
                undecoded.Add(147 + i % 3);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            added += 10_000;
        }
        Assert.Equal(0, allocated);
        Assert.Equal(added, undecoded.Entries.Sum(e => e.Packets));
    }
}
