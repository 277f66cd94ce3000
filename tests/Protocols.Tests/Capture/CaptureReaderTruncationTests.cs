using System.Buffers.Binary;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>
/// Every fixture cut short at many offsets (every offset of a small file, a sample of a large one): the
/// packets that lie wholly before the cut are delivered exactly as in the whole file, and a cut inside a
/// record is reported — as a truncation warning, or as a format error when not even the header is left.
/// </summary>
public sealed class CaptureReaderTruncationTests
{
    private const int EveryOffsetUpTo = 4096;
    private const int SampledCuts = 150;

    public static IEnumerable<object[]> Files() => Fixtures.PublicCaptureRows();

    [Theory]
    [MemberData(nameof(Files))]
    public void A_cut_file_keeps_the_packets_before_the_cut_and_says_so(string file)
    {
        string path = Fixtures.PathOf(file);
        byte[] bytes = File.ReadAllBytes(path);
        var whole = CaptureReaderFixtureTests.ReadFile(path);
        bool gzip = bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;
        var recordEnds = new HashSet<long>();
        var packetEnds = new List<long>();
        foreach (var packet in whole.Recorder.Packets)
        {
            long end = RecordEnd(bytes, packet, whole.Summary.Format);
            packetEnds.Add(end);
        }

        foreach (int cut in CutOffsets(bytes.Length))
        {
            var read = PacketRecorder.Read(new MemoryStream(bytes, 0, cut, writable: false), path);
            string context = $"{file} cut at {cut}";
            if (whole.Error is not null)
            {
                Assert.NotNull(read.Error);
                continue;
            }

            PacketAssert.SamePrefix(whole.Recorder.Packets, read.Recorder.Packets, context);
            if (gzip)
            {
                // Where the decompressed data stops is the decompressor's business; it must be reported.
                Assert.True(read.Error is not null || read.Summary.Truncated, $"{context}: cut gzip not reported");
                continue;
            }

            int expectedCount = packetEnds.FindLastIndex(end => end <= cut) + 1;
            Assert.True(expectedCount == read.Recorder.Packets.Count,
                $"{context}: expected the {expectedCount} packets before the cut, got {read.Recorder.Packets.Count}");
            bool reported = read.Error is not null || read.Summary.Truncated;
            bool atRecordEdge = !reported && read.Summary.Bytes == cut;
            Assert.True(reported || atRecordEdge, $"{context}: cut inside a record not reported");
            if (read.Summary.Truncated)
            {
                Assert.Contains(read.Summary.Warnings, w => w.Contains("offset", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Where the record or block holding <paramref name="packet"/> ends in the file.</summary>
    private static long RecordEnd(byte[] bytes, RecordedPacket packet, CaptureFormat format)
    {
        if (format == CaptureFormat.Pcap)
        {
            return packet.FileOffset + 16 + packet.Data.Length;
        }

        if (packet.FileOffset + 8 > bytes.Length)
        {
            return long.MaxValue; // gzip: offsets are in the decompressed stream; not used
        }

        var length = bytes.AsSpan((int)packet.FileOffset + 4, 4);
        return packet.FileOffset + (packet.OptionsBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(length) : BinaryPrimitives.ReadUInt32LittleEndian(length));
    }

    private static IEnumerable<int> CutOffsets(int length)
    {
        if (length <= EveryOffsetUpTo)
        {
            for (int cut = 0; cut < length; cut++)
            {
                yield return cut;
            }

            yield break;
        }

        var random = new Random(length);
        for (int i = 0; i < 64; i++)
        {
            yield return i; // inside and right after the file header
        }

        for (int i = 0; i < SampledCuts; i++)
        {
            yield return random.Next(64, length);
        }

        yield return length - 1;
    }
}
