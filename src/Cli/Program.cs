using System.CommandLine;
using PcapSipAnalyzer.Cli;

// pcapsip: thin command-line front end. Parsing and exit codes live here; analysis lives in src/Analyzer.
var root = new RootCommand("pcapsip — finds where a SIP exchange broke in pcap/pcapng captures.")
{
    AnalyzeCommand.Create(),
    BatchCommand.Create(),
    QueryCommand.Create(),
};

// `pcapsip help [COMMAND]` is the habit of git and dotnet: the same as --help.
if (args is ["help", .. var rest])
    args = [.. rest, "--help"];
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"pcapsip: {error.Message}");
    Console.Error.WriteLine("Try 'pcapsip --help'.");
    return ExitCodes.Usage;
}
// A large input restarts the process here with a larger collector budget (Gen0Budget): before any output and
// before the signal handlers below, so that the new image starts the run over and no signal is taken and lost.
Gen0Budget.RaiseForLargeInputs(Gen0Budget.InputPaths(parse));
// SIGINT and SIGTERM cancel the command's token (InterruptSignal) rather than System.CommandLine's handler, which
// let the signal end the process with temporary files and part of the outputs left behind.
using var interrupt = new InterruptSignal();
try
{
    int code = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false },
        interrupt.Token);
    // The commands answer any cancellation with 130; a SIGTERM is reported as such.
    return code == ExitCodes.Interrupted ? interrupt.ExitCode : code;
}
catch (Exception e)
{
    return InternalError.Report(e);
}
