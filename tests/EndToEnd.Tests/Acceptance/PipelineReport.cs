using System.Collections.Concurrent;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The real pipeline in-process (<see cref="Analysis.RunAsync"/> → <see cref="JsonReportWriter"/>), as
/// <c>pcapsip analyze FILE… --json</c> computes it but without a process start per capture. Results are cached
/// per input list: several test classes read the same lab captures.
/// </summary>
public sealed class PipelineReport
{
    private static readonly ConcurrentDictionary<string, Lazy<PipelineReport>> Cache = new();

    private PipelineReport(AnalysisResult result, JsonElement json)
    {
        Result = result;
        Json = json;
    }

    public AnalysisResult Result { get; }

    /// <summary>The JSON report (schema_version 1), parsed.</summary>
    public JsonElement Json { get; }

    public static PipelineReport Of(params string[] files) =>
        Cache.GetOrAdd(string.Join('\n', files), _ => new Lazy<PipelineReport>(() => Run(files))).Value;

    /// <summary>The files as one capture point named <paramref name="point"/>, as <c>pcapsip batch</c> reads a ring-buffer set.</summary>
    public static PipelineReport OfOnePoint(string point, IEnumerable<string> files) =>
        Run(files.Select(f => new CaptureInput(f, point)).ToList());

    private static PipelineReport Run(string[] files) => Run(files.Select(CaptureInput.ForFile).ToList());

    private static PipelineReport Run(List<CaptureInput> inputs)
    {
        var result = new Analysis(new AnalysisOptions()).RunAsync(inputs).GetAwaiter().GetResult();
        using var buffer = new MemoryStream();
        JsonReportWriter.Write(buffer, result, "e2e");
        using var document = JsonDocument.Parse(buffer.ToArray());
        return new PipelineReport(result, document.RootElement.Clone());
    }

    /// <summary>The report's "sip" requests per method.</summary>
    public Dictionary<string, long> Requests() =>
        Json.GetProperty("sip").GetProperty("requests").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    /// <summary>The report's "sip" responses per status code.</summary>
    public Dictionary<int, long> Responses() =>
        Json.GetProperty("sip").GetProperty("responses").EnumerateObject().ToDictionary(p => int.Parse(p.Name), p => p.Value.GetInt64());
}
