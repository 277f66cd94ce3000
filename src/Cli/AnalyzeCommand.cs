using System.CommandLine;
using System.Reflection;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Cli;

/// <summary><c>pcapsip analyze FILE...</c>: read the captures, print the report, write the requested outputs.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Capture files (pcap, pcapng, optionally gzip-compressed); '-' reads standard input. Each file is a capture point.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<string?>("--json") { Description = "Write the JSON report to FILE ('-' = stdout, then no console report)." };
        var csv = new Option<string?>("--csv") { Description = "Write CSV tables (findings, transactions, registrations, dialogs, rtp_streams, captures) into DIR." };
        var parquet = new Option<string?>("--parquet") { Description = "Write the same tables as Parquet into DIR (for DuckDB, Spark, Trino)." };
        var jsonl = new Option<string?>("--jsonl") { Description = "Write the findings as JSON Lines to FILE." };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with code 2 when findings of this severity or worse exist: error, warning or info." };
        failOn.AcceptOnlyFromAmong("error", "warning", "info");
        var noProgress = new Option<bool>("--no-progress") { Description = "Never show a progress bar." };

        // An argument of arity one-or-more would otherwise take a mistyped option for a file name (exit 66, not 64).
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                    result.AddError($"unknown option '{token.Value}' (a file whose name starts with '-' can be given as ./{token.Value})");
            }
        });

        var command = new Command("analyze", "Analyse captures and report where SIP exchanges broke.") { files, json, csv, parquet, jsonl, failOn, noProgress };
        command.SetAction((parse, cancellationToken) => RunAsync(new AnalyzeRequest
        {
            Files = parse.GetValue(files) ?? [],
            Outputs = new ReportOutputs { JsonPath = parse.GetValue(json), CsvDirectory = parse.GetValue(csv), ParquetDirectory = parse.GetValue(parquet), JsonLinesPath = parse.GetValue(jsonl) },
            NoProgress = parse.GetValue(noProgress),
            FailOn = FailOn.Parse(parse.GetValue(failOn)),
        }, cancellationToken));
        return command;
    }

    public static string Version =>
        typeof(AnalyzeCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static async Task<int> RunAsync(AnalyzeRequest request, CancellationToken cancellationToken)
    {
        foreach (var output in request.Outputs.Paths().Where(o => AtomicFile.IsInput(o, request.Files)))
        {
            Console.Error.WriteLine($"pcapsip: refusing to write {output}: it is one of the inputs.");
            return ExitCodes.CannotCreate;
        }

        // Checked before reading: a long analysis must not end in "cannot write", nor write some outputs only.
        foreach (var problem in request.Outputs.Unwritable())
        {
            Console.Error.WriteLine($"pcapsip: cannot write {problem}");
            return ExitCodes.CannotCreate;
        }

        var inputs = request.Files.Select(CaptureInput.ForFile).ToList();
        var analysis = new Analysis(new AnalysisOptions());
        AnalysisResult result;
        try
        {
            result = await ProgressDisplay.RunAsync(analysis, inputs, request.NoProgress, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("pcapsip: interrupted; no output written.");
            return ExitCodes.Interrupted;
        }

        foreach (var capture in result.Captures.Where(c => c.Error is not null))
            Console.Error.WriteLine($"pcapsip: {capture.Error}");

        int written = WriteOutputs(request, result);
        if (written != ExitCodes.Ok) return written;
        if (result.AnyNotFound) return ExitCodes.NoInput;
        if (result.AnyFormatError) return ExitCodes.DataError;
        if (FailOn.Tripped(request.FailOn, result.Findings.Select(f => f.Severity))) return ExitCodes.FindingsGate;
        return ExitCodes.Ok;
    }

    private static int WriteOutputs(AnalyzeRequest request, AnalysisResult result)
    {
        try
        {
            if (request.Outputs.JsonPath == "-")
            {
                using var stdout = Console.OpenStandardOutput();
                JsonReportWriter.Write(stdout, result, Version);
            }
            else
            {
                new ConsoleReportWriter(Console.Out).Write(result);
            }
            request.Outputs.Write(result, Version);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pcapsip: cannot write output: {e.Message}");
            return ExitCodes.CannotCreate;
        }
        return ExitCodes.Ok;
    }
}
