using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Runs the whole analysis over the input files: read → decode → reassemble → SIP/RTP → paths → findings.
/// A broken file stops only that file; what was read before the damage stays in the result.
/// </summary>
public sealed class Analysis
{
    private readonly AnalysisOptions _options;

    public Analysis(AnalysisOptions options) => _options = options;

    public AnalysisProgress Progress { get; } = new();

    public async Task<AnalysisResult> RunAsync(IReadOnlyList<CaptureInput> inputs, CancellationToken cancellationToken = default)
    {
        var result = new AnalysisResult();
        var dispatcher = new PacketDispatcher(result);
        Progress.TotalBytes = inputs.Sum(i => i.Path != "-" && File.Exists(i.Path) ? new FileInfo(i.Path).Length : 0);

        for (int index = 0; index < inputs.Count; index++)
        {
            var capture = new CaptureResult { Index = index, Input = inputs[index] };
            result.Captures.Add(capture);
            dispatcher.BeginCapture(capture);
            await ReadOneAsync(capture, dispatcher, cancellationToken).ConfigureAwait(false);
            dispatcher.EndCapture();
            result.Protocols.Add(capture.Protocols);
        }

        return result;
    }

    private async Task ReadOneAsync(CaptureResult capture, PacketDispatcher dispatcher, CancellationToken cancellationToken)
    {
        CaptureReader reader;
        try
        {
            reader = CaptureReader.Open(capture.Input.Path, capture.Index);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            capture.NotFound = true;
            capture.Error = $"{capture.Input.Path}: cannot open: {e.Message}";
            return;
        }

        Progress.CurrentFile = capture.Input.Path;
        Progress.CurrentReader = reader;
        long rawBytes = 0;
        try
        {
            capture.Summary = await reader.ReadAsync(dispatcher, cancellationToken).ConfigureAwait(false);
        }
        catch (CaptureFormatException e)
        {
            capture.Error = $"{capture.Input.Path}: {e.Message}";
            capture.Summary = reader.Summary;
        }
        finally
        {
            rawBytes = reader.RawBytesRead;
            reader.Stream.Dispose();
            Progress.FileDone(rawBytes);
        }
    }
}
