using BenchmarkDotNet.Running;

// Runs the micro-benchmarks: dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*'
// Whole-file reader throughput on a generated capture: ... -- capture-throughput [FILE] [GB]
// Stage by stage CPU time of a whole analysis on one capture: ... -- analysis-throughput FILE [RUNS]
// Per-segment cost of a TCP connection flood, stage by stage: ... -- connection-flood FILE [ROUNDS [STAGE]]
// The JSON and console reports written again and again after one analysis: ... -- report-writers FILE [ROUNDS]
if (args.Length > 0 && args[0] == "capture-throughput")
{
    await PcapSipAnalyzer.Benchmarks.Capture.CaptureThroughput.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "analysis-throughput")
{
    await PcapSipAnalyzer.Benchmarks.Pipeline.AnalysisThroughput.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "report-writers")
{
    await PcapSipAnalyzer.Benchmarks.Pipeline.ReportWriters.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "connection-flood")
{
    PcapSipAnalyzer.Benchmarks.Pipeline.ConnectionFloodStages.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
