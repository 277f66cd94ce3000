using System.Security.Cryptography;
using PcapSipAnalyzer.Synthesizer;

namespace PcapSipAnalyzer.Analyzer.Tests.Synthesizer;

/// <summary>Benchmarks and scale tests compare runs, so the same seed and options must give the same bytes.</summary>
public sealed class SynthesizerDeterminismTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapsip-synth-det-").FullName;

    [Theory]
    [InlineData(CaptureFileFormat.Pcap, FloodKind.None)]
    [InlineData(CaptureFileFormat.Pcapng, FloodKind.None)]
    [InlineData(CaptureFileFormat.Pcap, FloodKind.CallIds)]
    public void Same_seed_and_options_give_identical_files_and_truth(CaptureFileFormat format, FloodKind flood)
    {
        var first = Write("a", format, flood, seed: 3);
        var second = Write("b", format, flood, seed: 3);
        var otherSeed = Write("c", format, flood, seed: 4);

        Assert.Equal(Hash(first), Hash(second));
        Assert.Equal(File.ReadAllText(first + ".truth.json"), File.ReadAllText(second + ".truth.json"));
        Assert.NotEqual(Hash(first), Hash(otherSeed));
    }

    [Fact]
    public void Stops_near_the_target_size_and_winds_down_every_exchange()
    {
        string path = Path.Combine(_directory, "target.pcap");
        var truth = CaptureSynthesis.Run(new SynthesisOptions { OutputPath = path, Phones = 300, TargetBytes = 3_000_000, Seed = 5 });

        Assert.Equal(new FileInfo(path).Length, truth.FileBytes);
        Assert.InRange(truth.FileBytes, 3_000_000, 3_600_000);
        // Every call that was set up was also torn down, so every INVITE has its BYE and both 200s.
        Assert.Equal(truth.Sip.Requests["INVITE"], truth.Sip.Requests["BYE"]);
        Assert.Equal(truth.Sip.Requests["INVITE"], truth.Calls.Count);
        Assert.All(truth.Calls, c => Assert.True(c.ByeTime > c.AnswerTime && c.AnswerTime > c.InviteTime));
    }

    private string Write(string name, CaptureFileFormat format, FloodKind flood, ulong seed)
    {
        string path = Path.Combine(_directory, name + (format == CaptureFileFormat.Pcap ? ".pcap" : ".pcapng"));
        CaptureSynthesis.Run(new SynthesisOptions
        {
            OutputPath = path, Format = format, Flood = flood, Seed = seed, Phones = 100, TargetBytes = 2_000_000, FloodCount = 5000,
        });
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
