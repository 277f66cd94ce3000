using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>
/// A record longer than the reader may hold is passed over as it streams by — counted as a frame, reported to
/// the sink and in a warning with its offset — and the packets after it are read as usual.
/// </summary>
public class OversizeRecordTests
{
    private const int Oversize = (int)CaptureReadContext.MaxBufferedRecordLength + 4096;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APcapRecordPastTheLimitIsSkippedAndTheNextOneRead(bool gzip)
    {
        var capture = SyntheticCapture.PcapOf([Frame(100, 1), Frame(Oversize, 2), Frame(120, 3)]);
        if (gzip) capture = SyntheticCapture.Gzip(capture);

        var (recorder, summary, error) = PacketRecorder.Read(new ShortReadStream(capture, 7000));

        Assert.Null(error);
        Assert.Equal(3, summary.Packets);
        Assert.Equal([1L, 3L], recorder.Packets.Select(p => p.FrameNumber));
        Assert.Equal(120, recorder.Packets[1].Data.Length);
        const long offset = 24 + 16 + 100;
        Assert.Equal([(2L, offset, Oversize)], recorder.Oversize);
        Assert.Contains(summary.Warnings, w => w.Contains($"offset {offset}", StringComparison.Ordinal) && w.Contains("skipped", StringComparison.Ordinal));
        Assert.False(summary.Truncated);
    }

    [Fact]
    public void APcapngPacketBlockPastTheLimitIsSkippedAndTheNextOneRead()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapngWriter(stream, leaveOpen: true))
        {
            writer.AddInterface(new CaptureInterface { Id = 0, LinkType = 1, SnapLength = 0, Name = "eth0" });
            foreach (var (frame, i) in new[] { Frame(100, 1), Frame(Oversize, 2), Frame(120, 3) }.Select((f, i) => (f, i)))
                writer.WritePacket(0, SyntheticCapture.StartNs + i, frame, frame.Length);
        }

        var (recorder, summary, error) = PacketRecorder.Read(new MemoryStream(stream.ToArray()));

        Assert.Null(error);
        Assert.Equal(3, summary.Packets);
        Assert.Equal([1L, 3L], recorder.Packets.Select(p => p.FrameNumber));
        Assert.Equal(2, Assert.Single(recorder.Oversize).Frame);
    }

    [Fact]
    public void AnInputEndingInsideASkippedRecordIsTruncated()
    {
        var capture = SyntheticCapture.PcapOf([Frame(100, 1), Frame(Oversize, 2)]);
        var cut = SyntheticCapture.Gzip(capture[..^1000]);

        var (recorder, summary, error) = PacketRecorder.Read(new MemoryStream(cut));

        Assert.Null(error);
        Assert.True(summary.Truncated);
        Assert.Single(recorder.Packets);
    }

    private static byte[] Frame(int length, byte fill)
    {
        var frame = new byte[length];
        frame.AsSpan().Fill(fill);
        return frame;
    }
}
