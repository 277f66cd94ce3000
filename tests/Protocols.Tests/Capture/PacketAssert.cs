using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>Packet-by-packet comparison of two reads, with the first difference in the message.</summary>
internal static class PacketAssert
{
    public static void SamePackets(IReadOnlyList<RecordedPacket> expected, IReadOnlyList<RecordedPacket> actual, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: expected {expected.Count} packets, got {actual.Count}");
        SamePrefix(expected, actual, context);
    }

    /// <summary>Every packet of <paramref name="actual"/> equals the packet at the same index of <paramref name="expected"/>.</summary>
    public static void SamePrefix(IReadOnlyList<RecordedPacket> expected, IReadOnlyList<RecordedPacket> actual, string context)
    {
        Assert.True(actual.Count <= expected.Count, $"{context}: {actual.Count} packets, more than the {expected.Count} of the whole file");
        for (int i = 0; i < actual.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            bool same = e.FrameNumber == a.FrameNumber && e.TimestampNs == a.TimestampNs && e.InterfaceId == a.InterfaceId
                && e.LinkType == a.LinkType && e.OriginalLength == a.OriginalLength && e.FileOffset == a.FileOffset
                && e.Data.AsSpan().SequenceEqual(a.Data) && e.Options.AsSpan().SequenceEqual(a.Options);
            Assert.True(same, $"{context}: packet {i + 1} differs: expected {e}, got {a}");
        }
    }
}
