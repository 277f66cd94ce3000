using System.CommandLine;
using PcapSipAnalyzer.Cli;

// pcapsip: thin command-line front end. Parsing and exit codes live here; analysis lives in src/Analyzer.
var root = new RootCommand("pcapsip — finds where a SIP exchange broke in pcap/pcapng captures.")
{
    AnalyzeCommand.Create(),
    BatchCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"pcapsip: {error.Message}");
    Console.Error.WriteLine("Try 'pcapsip --help'.");
    return ExitCodes.Usage;
}
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return InternalError.Report(e);
}
