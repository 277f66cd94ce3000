using PcapSipAnalyzer.Synthesizer;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// A synthesized VoIP capture large enough (~120 MB, a few seconds of analysis) that a signal sent once the
/// reading has begun lands while the command still runs; made once per test class.
/// </summary>
public sealed class LargeCapture : IDisposable
{
    private readonly TempFolder _folder = new();

    public LargeCapture()
    {
        Path = System.IO.Path.Combine(_folder.Path, "large.pcap");
        CaptureSynthesis.Run(new SynthesisOptions
        {
            OutputPath = Path,
            TruthPath = System.IO.Path.Combine(_folder.Path, "large.truth.json"),
            TargetBytes = 120_000_000,
            Seed = 5,
        });
    }

    public string Path { get; }

    public void Dispose() => _folder.Dispose();
}
