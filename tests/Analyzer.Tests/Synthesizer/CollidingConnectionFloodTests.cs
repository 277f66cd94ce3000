using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Synthesizer;

/// <summary>
/// The colliding-connections flood is what it claims: every connection key had one hash under the unseeded
/// hash (so a flood test of it would have caught the quadratic table), and they spread under the seeded one.
/// </summary>
public class CollidingConnectionFloodTests
{
    [Fact]
    public void EveryConnectionHadTheSameUnseededHashAndTheSeededOnesSpread()
    {
        using var folder = new TempDirectory();
        var options = new SynthesisOptions
        {
            OutputPath = Path.Combine(folder.Path, "colliding.pcap"),
            Flood = FloodKind.CollidingConnections,
            FloodCount = 5000,
        };
        CaptureSynthesis.Run(options);
        using var capture = File.OpenRead(options.OutputPath);
        var (recorder, _, error) = PacketRecorder.Read(capture);
        Assert.Null(error);
        Assert.Equal(5000, recorder.Packets.Count);

        var legacy = new HashSet<int>();
        var buckets = new HashSet<int>();
        foreach (var packet in recorder.Packets)
        {
            var frame = default(DecodedFrame);
            FrameDecoder.Decode(packet.LinkType, packet.Data, ref frame);
            Assert.True(frame.Has(FrameLayers.Tcp));
            legacy.Add(LegacyTcpConnectionKey.HashOf(frame.DestinationIp.V4, frame.DestinationPort, frame.SourceIp.V4, frame.SourcePort));
            var key = TcpConnectionKey.From(new PacketMeta(), frame, out _);
            buckets.Add((int)((uint)key.GetHashCode() % 5003));
        }
        Assert.Single(legacy);
        Assert.True(buckets.Count > 2500, $"5000 connections in {buckets.Count} of 5003 buckets");
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("pcapsip-collide-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
