using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>What PcapngWriter writes reads back the same with our reader and with tshark (comments included).</summary>
public sealed class PcapngWriterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pcapsip-writer-{Guid.NewGuid():N}.pcapng");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Packets_and_comments_round_trip_through_our_reader_and_tshark()
    {
        var interfaces = new[]
        {
            new CaptureInterface { Id = 0, LinkType = 1, SnapLength = 65535, Name = "uplink", FcsLength = 0 },
            new CaptureInterface { Id = 1, LinkType = 101, SnapLength = 262144, Description = "raw IP ä" },
        };
        byte[] first = [1, 2, 3, 4, 5];
        byte[] second = new byte[61];
        second[0] = 0x45;
        using (var writer = new PcapngWriter(File.Create(_path)))
        {
            Assert.Equal(0, writer.AddInterface(interfaces[0]));
            Assert.Equal(1, writer.AddInterface(interfaces[1]));
            writer.WritePacket(0, 1_700_000_000_123_456_789, first, 60);
            writer.WritePacket(1, 1_700_000_001_000_000_001, second, 61, "REGISTER answered via the wrong gateway", "second comment");
            writer.WritePacket(0, 1_700_000_002_999_999_999, first, 5, "ünïcode — comment");
        }

        (PacketRecorder ours, CaptureSummary summary, CaptureFormatException? error) = CaptureReaderFixtureTests.ReadFile(_path);
        Assert.Null(error);
        Assert.Equal(3, ours.Packets.Count);
        Assert.Equal([1, 101], summary.Interfaces.Select(i => i.LinkType));
        Assert.Equal("uplink", summary.Interfaces[0].Name);
        Assert.Equal("raw IP ä", summary.Interfaces[1].Description);
        Assert.Equal(0, summary.Interfaces[0].FcsLength);
        Assert.Equal(1_000_000_000UL, summary.Interfaces[0].TicksPerSecond);
        Assert.Equal([1_700_000_000_123_456_789, 1_700_000_001_000_000_001, 1_700_000_002_999_999_999], ours.Packets.Select(p => p.TimestampNs));
        Assert.Equal([0, 1, 0], ours.Packets.Select(p => p.InterfaceId));
        Assert.Equal([60, 61, 5], ours.Packets.Select(p => p.OriginalLength));
        Assert.Equal(first, ours.Packets[0].Data);
        Assert.Equal(second, ours.Packets[1].Data);
        Assert.Empty(PcapngOptions.Comments(ours.Packets[0].Options, ours.Packets[0].OptionsBigEndian));
        Assert.Equal(["REGISTER answered via the wrong gateway", "second comment"], PcapngOptions.Comments(ours.Packets[1].Options, false));

        var rows = Tshark.Fields(_path, "frame.time_epoch", "frame.cap_len", "frame.len", "frame.interface_id", "frame.comment");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1700000000.123456789", "5", "60", "0", ""], rows[0]);
        Assert.Equal(["1700000001.000000001", "61", "61", "1", "REGISTER answered via the wrong gateway|second comment"], rows[1]);
        Assert.Equal("ünïcode — comment", rows[2][4]);
        Assert.Matches(@"Capture application:\s+pcapsip", RunCapinfos());
    }

    [Fact]
    public async Task Copying_a_capture_keeps_its_comments_and_adds_new_ones()
    {
        string source = Fixtures.PathOf("public/wireshark/sip.pcapng");
        var original = Tshark.Fields(source, "frame.time_epoch", "frame.len", "frame.comment");
        var copier = new CommentingCopier(new PcapngWriter(File.Create(_path)));
        using (var stream = File.OpenRead(source))
        {
            await new CaptureReader(stream).ReadAsync(copier);
        }

        copier.Writer.Dispose();
        var copy = Tshark.Fields(_path, "frame.time_epoch", "frame.len", "frame.comment");
        Assert.Equal(original.Count, copy.Count);
        for (int i = 0; i < original.Count; i++)
        {
            Assert.Equal(original[i][0], copy[i][0]);
            Assert.Equal(original[i][1], copy[i][1]);
            string expected = original[i][2].Length == 0 ? $"pcapsip frame {i + 1}" : $"{original[i][2]}|pcapsip frame {i + 1}";
            Assert.Equal(expected, copy[i][2]);
        }
    }

    private string RunCapinfos()
    {
        var start = new System.Diagnostics.ProcessStartInfo("capinfos", [_path]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    /// <summary>Copies every packet, adding one comment naming its frame number (what --annotate does for cited frames).</summary>
    private sealed class CommentingCopier(PcapngWriter writer) : IPacketSink
    {
        private readonly Dictionary<int, int> _interfaces = new();

        public PcapngWriter Writer { get; } = writer;

        public void OnInterface(CaptureInterface captureInterface) =>
            _interfaces[captureInterface.Id] = Writer.AddInterface(captureInterface);

        public void OnPacket(in CapturedPacket packet) =>
            Writer.WritePacket(packet, _interfaces[packet.InterfaceId], $"pcapsip frame {packet.FrameNumber}");
    }
}
