using BenchmarkDotNet.Running;

// Runs the micro-benchmarks: dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*'
// Whole-file reader throughput on a generated capture: ... -- capture-throughput [FILE] [GB]
if (args.Length > 0 && args[0] == "capture-throughput")
{
    await PcapSipAnalyzer.Benchmarks.Capture.CaptureThroughput.RunAsync(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
