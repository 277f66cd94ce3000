using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>
/// The same bytes delivered in any segmentation give the same packets: one byte per read (every record
/// straddles segment edges, and no length is known up front) and random read sizes.
/// </summary>
public sealed class CaptureReaderSegmentationTests
{
    public static IEnumerable<object[]> Files() => Fixtures.PublicCaptureRows();

    [Theory]
    [MemberData(nameof(Files))]
    public void One_byte_reads_give_the_same_packets(string file) => AssertSameAsWhole(file, maxRead: 1, seed: null);

    [Theory]
    [MemberData(nameof(Files))]
    public void Random_size_reads_give_the_same_packets(string file)
    {
        AssertSameAsWhole(file, maxRead: 7, seed: 1);
        AssertSameAsWhole(file, maxRead: 300, seed: 2);
        AssertSameAsWhole(file, maxRead: 70_000, seed: 3);
    }

    private static void AssertSameAsWhole(string file, int maxRead, int? seed)
    {
        string path = Fixtures.PathOf(file);
        var whole = CaptureReaderFixtureTests.ReadFile(path);
        var segmented = PacketRecorder.Read(new ShortReadStream(File.ReadAllBytes(path), maxRead, seed), path);
        string context = $"{file} in reads of ≤{maxRead} bytes (seed {seed})";
        Assert.Equal(whole.Error?.Message, segmented.Error?.Message);
        PacketAssert.SamePackets(whole.Recorder.Packets, segmented.Recorder.Packets, context);
        Assert.Equal(whole.Recorder.Interfaces.Count, segmented.Recorder.Interfaces.Count);
        Assert.Equal(whole.Summary.Truncated, segmented.Summary.Truncated);
        Assert.Equal(whole.Summary.Warnings, segmented.Summary.Warnings);
    }
}
