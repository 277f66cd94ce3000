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
        var noProgress = new Option<bool>("--no-progress") { Description = "Never show a progress bar." };

        var command = new Command("analyze", "Analyse captures and report where SIP exchanges broke.") { files, json, noProgress };
        command.SetAction((parse, cancellationToken) => RunAsync(new AnalyzeRequest
        {
            Files = parse.GetValue(files) ?? [],
            JsonPath = parse.GetValue(json),
            NoProgress = parse.GetValue(noProgress),
        }, cancellationToken));
        return command;
    }

    public static string Version =>
        typeof(AnalyzeCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static async Task<int> RunAsync(AnalyzeRequest request, CancellationToken cancellationToken)
    {
        var outputs = request.OutputPaths().ToList();
        foreach (var output in outputs.Where(o => AtomicFile.IsInput(o, request.Files)))
        {
            Console.Error.WriteLine($"pcapsip: refusing to write {output}: it is one of the inputs.");
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
        return ExitCodes.Ok;
    }

    private static int WriteOutputs(AnalyzeRequest request, AnalysisResult result)
    {
        bool jsonToStdout = request.JsonPath == "-";
        if (!jsonToStdout)
        {
            using var stdout = Console.Out;
            new ConsoleReportWriter(stdout).Write(result);
        }
        try
        {
            if (jsonToStdout)
            {
                using var stdout = Console.OpenStandardOutput();
                JsonReportWriter.Write(stdout, result, Version);
            }
            else if (request.JsonPath is not null)
            {
                AtomicFile.Write(request.JsonPath, s => JsonReportWriter.Write(s, result, Version));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pcapsip: cannot write output: {e.Message}");
            return ExitCodes.CannotCreate;
        }
        return ExitCodes.Ok;
    }
}
