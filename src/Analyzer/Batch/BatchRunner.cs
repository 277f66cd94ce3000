using System.Diagnostics;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>
/// Runs batch jobs in parallel, each into OUT/&lt;job&gt;/ (report.json, findings.jsonl, csv/), marks a job
/// complete only after all its outputs are in place (so an interrupted run resumes where it stopped), and
/// writes the combined summary (summary.csv, summary.json, findings.jsonl) over all jobs of the run.
/// </summary>
public sealed class BatchRunner
{
    public const string CompleteMarker = ".pcapsip-complete";

    private readonly BatchOptions _options;
    private int _finished;

    public BatchRunner(BatchOptions options)
    {
        _options = options;
        // Parallel jobs already use the cores; a second thread per job would only make them compete.
        if (options.Jobs > 1) options.Analysis.Pipelined = false;
    }

    /// <summary>Jobs finished so far (done, skipped or failed), for progress.</summary>
    public int Finished => Volatile.Read(ref _finished);

    public async Task<List<BatchJobResult>> RunAsync(IReadOnlyList<BatchJob> jobs, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.OutputDirectory);
        var results = new BatchJobResult[jobs.Count];
        await Parallel.ForAsync(0, jobs.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Jobs), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                results[i] = await RunJobAsync(jobs[i], ct).ConfigureAwait(false);
                Interlocked.Increment(ref _finished);
            }).ConfigureAwait(false);
        WriteSummary(results);
        BatchMerge.AfterRun(_options, results);
        return results.ToList();
    }

    private async Task<BatchJobResult> RunJobAsync(BatchJob job, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(_options.OutputDirectory, job.SafeName);
        var marker = Path.Combine(dir, CompleteMarker);
        var fingerprint = job.Fingerprint();
        if (_options.Resume && File.Exists(marker) && File.ReadAllText(marker) == fingerprint)
            return FromExistingReport(job, dir);

        // The job's files and its marker appear together or not at all: an interrupted job leaves nothing new.
        using var staged = new StagedOutputs(cancellationToken);
        staged.CreateDirectory(dir);
        File.Delete(marker);
        var watch = Stopwatch.StartNew();
        var result = await new Analysis(_options.Analysis).RunAsync(job.Inputs, cancellationToken).ConfigureAwait(false);
        // A missing or broken input fails the job: no completion marker, so the next run tries it again. A broken
        // file still leaves the report of what was read before the damage; a missing one leaves nothing.
        bool missing = result.AnyNotFound;
        bool failed = missing || result.AnyFormatError;
        if (!missing) OutputsOf(dir).Stage(staged, result, _options.ToolVersion, job.Name);
        if (!failed) staged.Write(marker, s => s.Write(System.Text.Encoding.UTF8.GetBytes(fingerprint)));
        staged.Commit();

        return new BatchJobResult
        {
            Job = job.Name,
            Status = failed ? "failed" : "done",
            InputMissing = missing,
            Files = job.Inputs.Count,
            Packets = result.Captures.Sum(c => c.Summary.Packets),
            SipMessages = result.Protocols.Sip,
            Errors = result.Findings.Count(f => f.Severity == Severity.Error),
            Warnings = result.Findings.Count(f => f.Severity == Severity.Warning),
            Infos = result.Findings.Count(f => f.Severity == Severity.Info),
            InputProblems = result.Captures.Any(c => c.Error is not null)
                ? string.Join("; ", result.Captures.Where(c => c.Error is not null).Select(c => c.Error))
                : null,
            Seconds = watch.Elapsed.TotalSeconds,
            OutputDirectory = dir,
        };
    }

    /// <summary>Every file a run over <paramref name="jobs"/> may write, to refuse a run that would replace an input.</summary>
    public IEnumerable<string> OutputFiles(IReadOnlyList<BatchJob> jobs)
    {
        // A shard may be the last one and merge: the whole batch's summary is its output too.
        foreach (var name in SummaryFiles.Union(BatchShard.WholeSummaryFiles)) yield return Path.Combine(_options.OutputDirectory, name);
        foreach (var job in jobs)
        {
            var dir = Path.Combine(_options.OutputDirectory, job.SafeName);
            foreach (var file in OutputsOf(dir).Files()) yield return file;
            yield return Path.Combine(dir, CompleteMarker);
        }
    }

    private string[] SummaryFiles => _options.Shard?.SummaryFiles ?? BatchShard.WholeSummaryFiles;

    private ReportOutputs OutputsOf(string dir) => new()
    {
        JsonPath = Path.Combine(dir, "report.json"),
        JsonLinesPath = Path.Combine(dir, "findings.jsonl"),
        CsvDirectory = _options.Csv ? Path.Combine(dir, "csv") : null,
        ParquetDirectory = _options.Parquet ? Path.Combine(dir, "parquet") : null,
        HtmlPath = _options.Html ? Path.Combine(dir, "report.html") : null,
    };

    /// <summary>A job finished by an earlier run: its row is rebuilt from the report it left.</summary>
    private static BatchJobResult FromExistingReport(BatchJob job, string dir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "report.json")));
        var root = doc.RootElement;
        var findings = root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("severity").GetString()).ToList();
        return new BatchJobResult
        {
            Job = job.Name,
            Status = "skipped",
            Files = job.Inputs.Count,
            Packets = root.GetProperty("captures").EnumerateArray().Sum(c => c.GetProperty("packets").GetInt64()),
            SipMessages = root.GetProperty("protocols").GetProperty("sip").GetInt64(),
            Errors = findings.Count(s => s == "error"),
            Warnings = findings.Count(s => s == "warning"),
            Infos = findings.Count(s => s == "info"),
            OutputDirectory = dir,
        };
    }

    private void WriteSummary(BatchJobResult[] results) => WriteSummary(_options.OutputDirectory, SummaryFiles, results);

    /// <summary>Writes <paramref name="names"/> (summary CSV, summary JSON, findings JSON Lines) over <paramref name="results"/>.</summary>
    internal static void WriteSummary(string outputDirectory, string[] names, IEnumerable<BatchJobResult> results)
    {
        var ordered = results.OrderBy(r => r.Job, StringComparer.Ordinal).ToList();
        using var staged = new StagedOutputs();
        CsvTables.Write(staged, Path.Combine(outputDirectory, names[0]), ordered);
        staged.Write(Path.Combine(outputDirectory, names[1]), s =>
            JsonSerializer.Serialize(s, new { schema_version = JsonReportWriter.SchemaVersion, jobs = ordered },
                new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        staged.Write(Path.Combine(outputDirectory, names[2]), s =>
        {
            foreach (var r in ordered)
            {
                var path = Path.Combine(r.OutputDirectory, "findings.jsonl");
                if (!File.Exists(path)) continue;
                using var input = File.OpenRead(path);
                input.CopyTo(s);
            }
        });
        staged.Commit();
    }
}
