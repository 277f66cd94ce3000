using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Cli;

/// <summary>The <c>--timings</c> table on stderr: one line per phase, then the process totals.</summary>
internal static class TimingsReport
{
    public static void Write(TextWriter error, PhaseTimings timings)
    {
        error.WriteLine($"pcapsip: {"phase",-32} {"wall s",8} {"cpu s",8} {"alloc MB",9} {"gc 0/1/2",10}");
        foreach (var p in timings.Phases)
            error.WriteLine($"pcapsip: {Truncate(p.Name, 32),-32} {p.Wall.TotalSeconds,8:F3} {p.Cpu.TotalSeconds,8:F3} {p.AllocatedBytes / 1e6,9:F1} {$"{p.Gen0}/{p.Gen1}/{p.Gen2}",10}");
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        error.WriteLine($"pcapsip: process: {Environment.CpuUsage.TotalTime.TotalSeconds:F3} s CPU since start, " +
                        $"peak working set {process.PeakWorkingSet64 / 1e6:F0} MB, {GC.GetTotalAllocatedBytes() / 1e6:F0} MB allocated, " +
                        $"GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalSeconds:F3} s");
        if (Gen0Budget.Raised)
            error.WriteLine("pcapsip: process restarted for a large input with the youngest generation's budget at 64 MiB (DOTNET_GCgen0size)");
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
