using System.CommandLine;
using PcapSipAnalyzer.Analyzer.Batch;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// <c>pcapsip batch PATH... --out DIR</c>: the same analysis over many files (directories, globs, ring-buffer
/// sets), in parallel, resumable, shardable — runs unchanged under cron, a Kubernetes Indexed Job or Slurm.
/// </summary>
internal static class BatchCommand
{
    public const string Name = "batch", PathsName = "paths";

    public static Command Create()
    {
        var paths = new Argument<string[]>(PathsName) { Description = "Files, directories (searched recursively) and globs.", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--out") { Description = "Output directory: one folder per job plus summary.csv, summary.json, findings.jsonl." };
        var jobs = NumberOption.Integer("--jobs", "Jobs run in parallel (default 1).", 1, 1024);
        var shard = new Option<string?>("--shard") { Description = "i/N: run only the i-th of N shards (0-based), e.g. $JOB_COMPLETION_INDEX/N or $SLURM_ARRAY_TASK_ID/N." };
        var manifest = new Option<string?>("--manifest") { Description = "JSON manifest grouping files into jobs and capture points." };
        var parquet = new Option<bool>("--parquet") { Description = "Also write each job's tables as Parquet (OUT/JOB/parquet/*.parquet)." };
        var html = new Option<bool>("--html") { Description = "Also write each job's HTML report with ladder diagrams (OUT/JOB/report.html)." };
        var noResume = new Option<bool>("--no-resume") { Description = "Rerun jobs even when their outputs are complete." };
        var merge = new Option<string?>("--merge") { Description = "OUT: join the finished shards of a batch into OUT's summary, findings.jsonl and Parquet dataset (no analysis)." };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with code 2 when any job has findings of this severity or worse." };
        failOn.AcceptOnlyFromAmong("error", "warning", "info");
        shard.Validators.Add(r =>
        {
            if (ParseShard(r.GetValueOrDefault<string?>()) is null && r.GetValueOrDefault<string?>() is not null)
                r.AddError("--shard takes i/N with 0 <= i < N, e.g. 0/4");
        });

        var command = new Command(Name, "Analyse many captures: one job per file, ring-buffer set or manifest entry.")
        { paths, output, jobs, shard, manifest, parquet, html, noResume, failOn, merge };
        command.SetAction((parse, cancellationToken) => parse.GetValue(merge) is { } mergeDirectory
            ? Task.FromResult(BatchMergeCommand.Run(mergeDirectory, parse.GetValue(paths) ?? [], parse.GetValue(output)))
            : parse.GetValue(output) is null ? Task.FromResult(BatchMergeCommand.NoOutput()) : RunAsync(
            parse.GetValue(paths) ?? [], parse.GetValue(output)!, parse.GetValue(jobs) ?? 1, ParseShard(parse.GetValue(shard)),
            parse.GetValue(manifest), parse.GetValue(parquet), parse.GetValue(html), !parse.GetValue(noResume), FailOn.Parse(parse.GetValue(failOn)), cancellationToken));
        return command;
    }

    private static (int Index, int Count)? ParseShard(string? text) => BatchShard.Parse(text) is { } s ? (s.Index, s.Count) : null;

    private static async Task<int> RunAsync(string[] paths, string output, int jobs, (int Index, int Count)? shard,
        string? manifest, bool parquet, bool html, bool resume, Severity? failOn, CancellationToken cancellationToken)
    {
        if (paths.Length == 0 && manifest is null)
        {
            Console.Error.WriteLine("pcapsip: batch needs PATHs or --manifest.");
            return ExitCodes.Usage;
        }
        var plan = BatchPlanner.Plan(paths, manifest);
        if (shard is { } s) plan = BatchPlanner.Shard(plan, s.Index, s.Count);
        var runner = new BatchRunner(new BatchOptions { OutputDirectory = output, Shard = shard is { } sh ? new BatchShard(sh.Index, sh.Count) : null, Jobs = jobs, Resume = resume, Parquet = parquet, Html = html, ToolVersion = AnalyzeCommand.Version });
        if (FileIdentity.FirstInputAmong(runner.OutputFiles(plan), plan.SelectMany(j => j.Inputs).Select(i => i.Path)) is { } input)
        {
            Console.Error.WriteLine($"pcapsip: refusing to write {input}: it is one of the inputs.");
            return ExitCodes.CannotCreate;
        }
        if (plan.SelectMany(j => j.Inputs).Any(i => Path.GetFullPath(i.Path).StartsWith(Path.GetFullPath(output) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            Console.Error.WriteLine("pcapsip: note: some inputs lie inside the output directory.");
        Console.Error.WriteLine($"pcapsip: {plan.Count} job(s), {plan.Sum(j => j.Inputs.Count)} file(s), {Math.Max(1, jobs)} at a time");

        List<BatchJobResult> results;
        try
        {
            var run = runner.RunAsync(plan, cancellationToken);
            int shown = -1;
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(1000, CancellationToken.None));
                if (runner.Finished != shown && !Console.IsErrorRedirected)
                    Console.Error.Write($"\rpcapsip: {shown = runner.Finished}/{plan.Count} jobs finished");
            }
            results = await run;
            if (!Console.IsErrorRedirected) Console.Error.WriteLine();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("pcapsip: interrupted (finished jobs are kept and skipped by the next run)");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pcapsip: cannot write output: {e.Message}");
            return ExitCodes.CannotCreate;
        }

        // Scripts read stdout only on success: with a failed job the table goes to stderr with the reasons.
        PrintTable(results, results.Any(r => r.Status == "failed") ? Console.Error : Console.Out);
        foreach (var r in results.Where(r => r.InputProblems is not null))
            Console.Error.WriteLine($"pcapsip: {r.Job}: {r.InputProblems}");
        // Failed inputs outrank --fail-on, as in analyze: the report of such a job is missing or partial.
        if (results.Any(r => r.Status == "failed" && r.InputMissing)) return ExitCodes.NoInput;
        if (results.Any(r => r.Status == "failed")) return ExitCodes.DataError;
        var severities = results.SelectMany(r => Enumerable.Repeat(Severity.Error, r.Errors)
            .Concat(Enumerable.Repeat(Severity.Warning, r.Warnings)).Concat(Enumerable.Repeat(Severity.Info, r.Infos)));
        return FailOn.Tripped(failOn, severities) ? ExitCodes.FindingsGate : ExitCodes.Ok;
    }

    private static void PrintTable(List<BatchJobResult> results, TextWriter output)
    {
        output.WriteLine($"{"job",-40} {"status",-8} {"files",5} {"packets",12} {"sip",9} {"errors",6} {"warn",5} {"info",5}");
        foreach (var r in results)
            output.WriteLine($"{Trim(r.Job),-40} {r.Status,-8} {r.Files,5} {r.Packets,12:N0} {r.SipMessages,9:N0} {r.Errors,6} {r.Warnings,5} {r.Infos,5}");
        output.WriteLine($"{"total",-40} {"",-8} {results.Sum(r => r.Files),5} {results.Sum(r => r.Packets),12:N0} {results.Sum(r => r.SipMessages),9:N0} {results.Sum(r => r.Errors),6} {results.Sum(r => r.Warnings),5} {results.Sum(r => r.Infos),5}");
    }

    private static string Trim(string s) => s.Length <= 40 ? s : "…" + s[^39..];
}
