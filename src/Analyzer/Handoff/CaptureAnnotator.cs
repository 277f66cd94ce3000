using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Handoff;

/// <summary>
/// <c>--annotate OUT.pcapng</c>: a streamed copy of each input (pcap converted to pcapng) in which every frame a
/// finding cites carries an opt_comment, so Wireshark shows the finding and <c>frame.comment contains
/// "pcapsip:"</c> selects the evidence. Packets are copied byte for byte; comments already in the file are kept.
/// Memory does not grow with the file: the input is read again as a stream.
/// </summary>
public static class CaptureAnnotator
{
    /// <summary>The output file for each input: OUT itself for one input, OUT with the point name added for several.</summary>
    public static IReadOnlyList<string> OutputPaths(string output, IReadOnlyList<CaptureInput> inputs)
    {
        if (inputs.Count == 1) return [output];
        var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
        var stem = Path.GetFileNameWithoutExtension(output);
        var extension = Path.GetExtension(output) is { Length: > 0 } e ? e : ".pcapng";
        return inputs.Select((input, i) => Path.Combine(directory, $"{stem}.{i}-{Safe(input.PointName)}{extension}")).ToList();
    }

    public static async Task WriteAsync(AnalysisResult result, string output, bool flaggedOnly, CancellationToken cancellationToken = default)
    {
        using var staged = new StagedOutputs(cancellationToken);
        await StageAsync(staged, result, output, flaggedOnly, cancellationToken).ConfigureAwait(false);
        staged.Commit();
    }

    /// <summary>Writes the annotated copies into <paramref name="staged"/>, which the caller commits with its other files.</summary>
    public static async Task StageAsync(StagedOutputs staged, AnalysisResult result, string output, bool flaggedOnly,
        CancellationToken cancellationToken = default)
    {
        var inputs = result.Captures.Select(c => c.Input).ToList();
        var paths = OutputPaths(output, inputs);
        for (int i = 0; i < result.Captures.Count; i++)
        {
            var capture = result.Captures[i];
            if (capture.NotFound || capture.Input.Path == "-") continue; // stdin cannot be read twice
            var annotations = FrameAnnotations.For(result, capture.Index);
            await staged.WriteAsync(paths[i], stream => CopyAsync(capture, annotations, flaggedOnly, stream, cancellationToken))
                .ConfigureAwait(false);
        }
    }

    private static async Task CopyAsync(CaptureResult capture, FrameAnnotations annotations, bool flaggedOnly, Stream output,
        CancellationToken cancellationToken)
    {
        var reader = CaptureReader.Open(capture.Input.Path, capture.Index);
        try
        {
            using var writer = new PcapngWriter(output, leaveOpen: true);
            var sink = new AnnotatingSink(writer, annotations, flaggedOnly, capture.Kept);
            try
            {
                await reader.ReadAsync(sink, cancellationToken).ConfigureAwait(false);
            }
            catch (CaptureFormatException)
            {
                // The analysis already reported the damage; the copy holds the packets before it, like the report.
            }
            writer.Flush();
        }
        finally
        {
            reader.Stream.Dispose();
        }
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
