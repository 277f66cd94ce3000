using PcapSipAnalyzer.Synthesizer.Output;
using PcapSipAnalyzer.Synthesizer.Truth;

namespace PcapSipAnalyzer.Synthesizer;

/// <summary>Entry point for tests and the CLI: writes the capture and its ground truth.</summary>
public static class CaptureSynthesis
{
    /// <summary>Writes <see cref="SynthesisOptions.OutputPath"/> and the truth JSON; returns the truth.</summary>
    public static GroundTruth Run(SynthesisOptions options)
    {
        GroundTruth truth;
        using (var file = new FileStream(options.OutputPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1))
        using (var writer = new CaptureFileWriter(file, options.Format))
        {
            truth = options.Flood == FloodKind.None
                ? new VoipCaptureSynthesizer(options).Write(writer)
                : new FloodSynthesizer(options).Write(writer);
            writer.Flush();
            truth.Packets = writer.PacketCount;
            truth.FileBytes = writer.FileBytes;
            truth.FrameBytes = writer.FrameBytes;
            truth.FirstTimestamp = writer.FirstTimestamp / 1e9;
            truth.DurationSeconds = (writer.LastTimestamp - writer.FirstTimestamp) / 1e9;
        }
        truth.Seed = options.Seed;
        truth.Format = options.Format == CaptureFileFormat.Pcap ? "pcap" : "pcapng";
        truth.Save(options.EffectiveTruthPath);
        return truth;
    }
}
