using BenchmarkDotNet.Running;

// Runs the micro-benchmarks: dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
