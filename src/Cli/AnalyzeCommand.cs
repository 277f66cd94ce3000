using System.CommandLine;
using System.Reflection;
using PcapSipAnalyzer.Analyzer.Handoff;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Points;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Selection;

namespace PcapSipAnalyzer.Cli;

/// <summary><c>pcapsip analyze FILE...</c>: read the captures, print the report, write the requested outputs.</summary>
internal static class AnalyzeCommand
{
    // The names the command line is read by (Gen0Budget reads the inputs by them before the command runs).
    public const string Name = "analyze", FilesName = "files", PointName = "--point";

    // Input past which the read's garbage is collected before the reports are built (a small capture's is not worth the pause).
    private const long CollectBeforeReportsBytes = 256L << 20;

    public static Command Create()
    {
        var files = new Argument<string[]>(FilesName)
        {
            Description = "Capture files (pcap, pcapng, optionally gzip-compressed); '-' reads standard input. Each file is a capture point (each interface of a multi-interface pcapng too).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var point = new Option<string[]>(PointName)
        {
            Description = "Name a capture point: NAME=FILE, or NAME=FILE#IFACE for one interface (its if_name or index). Repeatable; the file is read once.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        // An unknown option would otherwise be taken for a file name: say it is a usage error instead.
        files.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
                if (token.Value.Length > 1 && token.Value[0] == '-')
                    r.AddError($"unknown option '{token.Value}' (a file whose name starts with '-' can be given as ./{token.Value})");
        });
        var json = new Option<string?>("--json") { Description = "Write the JSON report to FILE ('-' = stdout, then no console report)." };
        var csv = new Option<string?>("--csv") { Description = "Write the tables (captures, causes, findings, finding_frames, transactions, registrations, dialogs, rtp_streams, sip_points) as CSV into DIR." };
        var parquet = new Option<string?>("--parquet") { Description = "Write the same tables as Parquet into DIR (for DuckDB, Spark, Trino)." };
        var jsonlTables = new Option<string?>("--jsonl-tables") { Description = "Write the same tables as --csv as JSON Lines into DIR (one object per row)." };
        var jsonl = new Option<string?>("--jsonl") { Description = "Write the findings as JSON Lines to FILE ('-' = stdout, then no console report)." };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report (causes, ladder diagrams, tables) to FILE." };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with code 2 when findings of this severity or worse exist: error, warning or info." };
        failOn.AcceptOnlyFromAmong("error", "warning", "info");
        var annotate = new Option<string?>("--annotate") { Description = "Write a pcapng copy of the input with a comment on every frame a finding cites (one file per input when there are several)." };
        var flaggedOnly = new Option<bool>("--annotate-flagged-only") { Description = "With --annotate: keep only the frames of flagged transactions and calls." };
        var colors = new Option<string?>("--wireshark-colors") { Description = "Write a Wireshark coloring-rules file for the annotated capture." };
        var topology = new Option<string?>("--topology") { Description = "JSON or YAML file naming subnets, their gateways and hosts; responses are checked against it." };
        var credentials = new Option<string?>("--credentials") { Description = "JSON or YAML file of user, realm, password: digest responses are verified." };
        var rtpPorts = new Option<string?>("--rtp-ports") { Description = "UDP port range (e.g. 10000-20000) whose traffic is RTP/RTCP, whatever the SDP says." };
        var rtpLoss = NumberOption.Decimal("--rtp-loss", "Loss percentage above which a stream gets an rtp-loss finding (default 5).", "a percentage, e.g. 5 or 2.5");
        var rtpJitter = NumberOption.Decimal("--rtp-jitter", "Max jitter in ms above which a stream gets an rtp-jitter finding (default 30).", "milliseconds, e.g. 30");
        rtpPorts.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is string text && !RtpPortRange.TryParse(text, out _))
                r.AddError($"--rtp-ports takes LOW-HIGH (or one port), not '{text}'");
        });
        var noProgress = new Option<bool>("--no-progress") { Description = "Never show a progress bar." };
        var threads = NumberOption.Integer("--threads", "1 = read and analyse on one thread; 2 (the default with two or more cores) = the SIP/RTP engines on a second thread.", 1, 2);
        var timings = new Option<bool>("--timings") { Description = "Print wall time, CPU time, allocations and collections per phase on stderr." };

        var selection = new SelectionOptions();

        var command = new Command(Name, "Analyse captures and report where SIP exchanges broke.") { files, point, json, csv, parquet, jsonl, jsonlTables, html, annotate, flaggedOnly, colors, topology, credentials, rtpPorts, rtpLoss, rtpJitter, failOn, noProgress, threads, timings };
        foreach (var option in selection.All) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => RunAsync(new AnalyzeRequest
        {
            Files = [.. parse.GetValue(files) ?? [], .. selection.Files(parse)],
            Points = parse.GetValue(point) ?? [],
            Outputs = new ReportOutputs { JsonPath = parse.GetValue(json), CsvDirectory = parse.GetValue(csv), ParquetDirectory = parse.GetValue(parquet), JsonLinesPath = parse.GetValue(jsonl), JsonLinesTablesDirectory = parse.GetValue(jsonlTables), HtmlPath = parse.GetValue(html) },
            NoProgress = parse.GetValue(noProgress),
            Timings = parse.GetValue(timings),
            FailOn = FailOn.Parse(parse.GetValue(failOn)),
            AnnotatePath = parse.GetValue(annotate),
            AnnotateFlaggedOnly = parse.GetValue(flaggedOnly),
            ColorsPath = parse.GetValue(colors),
            Options = Options(parse.GetValue(topology), parse.GetValue(credentials), parse.GetValue(rtpPorts),
                parse.GetValue(rtpLoss), parse.GetValue(rtpJitter), parse.GetValue(threads), selection.Read(parse)),
        }, cancellationToken));
        return command;
    }

    private static AnalysisOptions Options(string? topology, string? credentials, string? rtpPorts, double? loss, double? jitter, int? threads,
        PacketSelection selection)
    {
        var options = new AnalysisOptions { TopologyFile = topology, CredentialsFile = credentials, Pipelined = threads != 1, Selection = selection };
        if (rtpPorts is not null && RtpPortRange.TryParse(rtpPorts, out var range)) options.RtpPorts = range;
        if (loss is double l) options.RtpFindings.LossPercent = l;
        if (jitter is double j) options.RtpFindings.MaxJitterMs = j;
        return options;
    }

    public static string Version =>
        typeof(AnalyzeCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static async Task<int> RunAsync(AnalyzeRequest request, CancellationToken cancellationToken)
    {
        var specs = new List<PointSpec>();
        foreach (var text in request.Points)
        {
            if (!PointSpec.TryParse(text, out var spec, out var error))
            {
                Console.Error.WriteLine($"pcapsip: {error}");
                return ExitCodes.Usage;
            }
            specs.Add(spec!);
        }
        var inputs = CaptureInput.For(request.Files, specs);
        if (inputs.Count == 0)
        {
            Console.Error.WriteLine("pcapsip: no capture files given.");
            return ExitCodes.Usage;
        }
        if (FirstProblem(UsageChecks.Conflicts(request, inputs)) is int usage) return usage;
        if (FirstProblem(UsageChecks.MissingInputs(inputs), ExitCodes.NoInput) is int missing) return missing;
        var outputs = request.OutputFiles(inputs).ToList();
        if (outputs.GroupBy(Path.GetFullPath).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            Console.Error.WriteLine($"pcapsip: {twice.Key} is named as two outputs.");
            return ExitCodes.Usage;
        }
        if (FileIdentity.FirstInputAmong(outputs, inputs.Select(i => i.Path)) is { } input)
        {
            Console.Error.WriteLine($"pcapsip: refusing to write {input}: it is one of the inputs.");
            return ExitCodes.CannotCreate;
        }

        // Checked before reading: a long analysis must not end in "cannot write", nor write some outputs only.
        if (FirstProblem(UsageChecks.MissingFolders(request.SingleFiles(inputs)), ExitCodes.CannotCreate) is int folder) return folder;
        foreach (var problem in request.Unwritable(inputs))
        {
            Console.Error.WriteLine($"pcapsip: cannot write {problem}");
            return ExitCodes.CannotCreate;
        }

        var analysis = new Analysis(request.Options);
        AnalysisResult result;
        try
        {
            result = await ProgressDisplay.RunAsync(analysis, inputs, request.NoProgress, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return Interrupted();
        }
        catch (PacketFilterException e)
        {
            Console.Error.WriteLine($"pcapsip: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
        {
            // An options file (--topology, --credentials) that cannot be read or parsed.
            Console.Error.WriteLine($"pcapsip: {e.Message}");
            return ExitCodes.Usage;
        }

        InternalError.ShowEngineError(result);
        foreach (var capture in result.Captures.Where(c => c.Error is not null))
            Console.Error.WriteLine($"pcapsip: {capture.Error}");
        StderrNotes.Write(result, request.Options.Selection);
        // A missing input leaves nothing worth writing; stdout stays empty whenever the exit code is an error.
        if (result.AnyNotFound) return ExitCodes.NoInput;

        int written = await WriteOutputsAsync(request, result, toStdout: !result.AnyFormatError, cancellationToken);
        if (request.Timings) TimingsReport.Write(Console.Error, result.Timings);
        if (written != ExitCodes.Ok) return written;
        if (result.AnyFormatError) return ExitCodes.DataError;
        if (FailOn.Tripped(request.FailOn, result.Findings.Select(f => f.Severity))) return ExitCodes.FindingsGate;
        return ExitCodes.Ok;
    }

    // Every file is staged and renamed into place together after the last is complete, so an interrupt or a
    // full disk leaves no output of this run; the console report (or --json -) follows once the files are in.
    /// <param name="toStdout">False when the run will end in an error: then neither the console report nor a '-' output is written.</param>
    private static async Task<int> WriteOutputsAsync(AnalyzeRequest request, AnalysisResult result, bool toStdout, CancellationToken cancellationToken)
    {
        try
        {
            // The flagged-only copy renumbers its frames: every output then gives filters valid in that copy.
            if (request.AnnotateFlaggedOnly)
                foreach (var finding in result.Findings) finding.FrameFiltersByComment = true;
            // The reports are built from the retained state alone: a long capture leaves tens of MB of the read's
            // garbage in the heap, and the writers' own buffers on top of it made the peak memory of a 4 GB capture
            // exceed a 2 GB one's by a tenth. One compacting collection first (tens of ms, after seconds of reading).
            if (result.Captures.Sum(c => c.Summary.Bytes) > CollectBeforeReportsBytes)
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            using (var staged = new StagedOutputs(cancellationToken))
            {
                using (result.Timings.Measure("output files"))
                    request.Outputs.Stage(staged, result, Version);
                if (request.AnnotatePath is not null)
                    using (result.Timings.Measure("annotate"))
                        await CaptureAnnotator.StageAsync(staged, result, request.AnnotatePath, request.AnnotateFlaggedOnly, cancellationToken);
                if (request.ColorsPath is not null)
                    WiresharkColors.Stage(staged, request.ColorsPath, result);
                staged.Commit();
            }
            // A run that ends in an error has its one-line reasons on stderr and its output files hold what was read
            // before the damage; stdout stays empty, so no script reads a report as complete.
            if (toStdout)
                using (result.Timings.Measure("console report"))
                    WriteStdout(request, result);
        }
        catch (OperationCanceledException)
        {
            return Interrupted();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pcapsip: cannot write output: {e.Message}");
            return ExitCodes.CannotCreate;
        }
        return ExitCodes.Ok;
    }

    /// <summary>The report on stdout: the console text, or the JSON / JSON Lines asked for with '-'.</summary>
    private static void WriteStdout(AnalyzeRequest request, AnalysisResult result)
    {
        if (request.Outputs.JsonPath == "-" || request.Outputs.JsonLinesPath == "-")
        {
            using var stdout = Console.OpenStandardOutput();
            if (request.Outputs.JsonPath == "-") JsonReportWriter.Write(stdout, result, Version);
            else JsonLinesWriter.Write(stdout, result, null);
            return;
        }
        new ConsoleReportWriter(Console.Out).Write(result);
    }

    private static int? FirstProblem(IEnumerable<string> problems, int code = ExitCodes.Usage)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"pcapsip: {problem}");
            return code;
        }
        return null;
    }

    private static int Interrupted()
    {
        Console.Error.WriteLine("pcapsip: interrupted");
        return ExitCodes.Interrupted;
    }
}
