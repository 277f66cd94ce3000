using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.Synthesizer.Truth;

namespace PcapSipAnalyzer.Analyzer.Tests.Synthesizer;

/// <summary>Writes a small synthesized capture into a temporary directory once per test class.</summary>
public sealed class SynthesizedCapture : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("pcapsip-synth-").FullName;

    public SynthesizedCapture()
    {
        Pcap = Write(CaptureFileFormat.Pcap, out var truth);
        Truth = truth;
        Pcapng = Write(CaptureFileFormat.Pcapng, out var pcapngTruth);
        PcapngTruth = pcapngTruth;
    }

    /// <summary>A 5 MB pcap of 200 phones, seed 7.</summary>
    public string Pcap { get; }
    public GroundTruth Truth { get; }

    /// <summary>The same options as pcapng.</summary>
    public string Pcapng { get; }
    public GroundTruth PcapngTruth { get; }

    public string Directory => _directory;

    private string Write(CaptureFileFormat format, out GroundTruth truth)
    {
        string path = Path.Combine(_directory, format == CaptureFileFormat.Pcap ? "mix.pcap" : "mix.pcapng");
        CaptureSynthesis.Run(new SynthesisOptions { OutputPath = path, Format = format, Seed = 7, Phones = 200, TargetBytes = 5_000_000 });
        // Read back from the JSON, so the file is tested, not the in-memory object.
        truth = GroundTruth.Load(path + ".truth.json");
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);
}
