using System.Diagnostics;
using System.Globalization;
using PcapSipAnalyzer.Synthesizer;

// pcapsip-synth: writes a deterministic capture and its ground truth (see SynthesisOptions.Usage).
SynthesisOptions options;
try
{
    options = SynthesisOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SynthesisOptions.Usage);
    return 64;
}

var clock = Stopwatch.StartNew();
var truth = CaptureSynthesis.Run(options);
double seconds = clock.Elapsed.TotalSeconds;
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.OutputPath}: {truth.Packets:N0} packets, {truth.FileBytes / 1e6:F1} MB, {truth.DurationSeconds:F1} s of capture; " +
    $"written in {seconds:F2} s ({truth.FileBytes / 1e6 / seconds:F0} MB/s); truth: {options.EffectiveTruthPath}"));
return 0;
