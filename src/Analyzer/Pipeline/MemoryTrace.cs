using System.Globalization;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Where a run's memory goes, on stderr, when <c>PCAPSIP_MEMORY_TRACE</c> is set: at the end of every phase (and,
/// with a number of milliseconds of at least 50 as its value, that often during the run) the working set and what
/// the collector reported after its last collection — heap, committed, fragmentation, each generation's size. With
/// <c>live</c> each phase end first collects everything, so the heap column is the live state alone (this changes
/// the run's peak: for finding what grows, not for measuring it). dotnet-gcdump is not always at hand; this is.
/// </summary>
public static class MemoryTrace
{
    private static readonly string? Setting = Environment.GetEnvironmentVariable("PCAPSIP_MEMORY_TRACE");
    private static readonly object Gate = new();
    private static Timer? _sampler;
    private static long _startTicks;

    /// <summary>Whether the trace is on.</summary>
    public static bool Enabled => !string.IsNullOrEmpty(Setting);

    private static bool Live => Setting == "live";

    /// <summary>Starts sampling if the setting is a period in milliseconds; once per process.</summary>
    public static void Start()
    {
        if (!Enabled) return;
        lock (Gate)
        {
            if (_startTicks != 0) return;
            _startTicks = System.Diagnostics.Stopwatch.GetTimestamp();
            if (int.TryParse(Setting, NumberStyles.None, CultureInfo.InvariantCulture, out int ms) && ms >= 50)
                _sampler = new Timer(_ => Write("sample"), null, ms, ms);
        }
    }

    /// <summary>One line after a phase ended.</summary>
    public static void PhaseEnded(string phase)
    {
        if (!Enabled) return;
        if (Live) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Write(phase);
    }

    private static void Write(string what)
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var g = info.GenerationInfo;
        double seconds = _startTicks == 0 ? 0 : System.Diagnostics.Stopwatch.GetElapsedTime(_startTicks).TotalSeconds;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"pcapsip: memory {seconds,7:F2} s {what,-34} ws {Environment.WorkingSet / 1048576.0,6:F1} MiB  heap {info.HeapSizeBytes / 1048576.0,6:F1}"
            + $"  committed {info.TotalCommittedBytes / 1048576.0,6:F1}  fragmented {info.FragmentedBytes / 1048576.0,5:F1}"
            + $"  gen0/1/2/loh/poh {Mib(g, 0)}/{Mib(g, 1)}/{Mib(g, 2)}/{Mib(g, 3)}/{Mib(g, 4)}  total {GC.GetTotalMemory(false) / 1048576.0:F1}"
            + $"  gc#{info.Index} gen{info.Generation}");
        lock (Gate) Console.Error.WriteLine(line);
    }

    private static string Mib(ReadOnlySpan<GCGenerationInfo> g, int i) =>
        i < g.Length ? (g[i].SizeAfterBytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) : "-";
}
