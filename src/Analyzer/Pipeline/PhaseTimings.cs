namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Wall and CPU time, allocations and collections per phase of a run (read, engines, paths, media, reports),
/// for <c>pcapsip analyze --timings</c>: where a slow run spends its time, without a profiler. CPU time is the
/// whole process's (every thread, the garbage collector's included), so with the pipelined reader it can
/// exceed the wall time.
/// </summary>
public sealed class PhaseTimings
{
    public sealed record Phase(string Name, TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2);

    private readonly List<Phase> _phases = new();

    public IReadOnlyList<Phase> Phases => _phases;

    /// <summary>Starts timing a phase; disposing the scope records it.</summary>
    public Scope Measure(string name) => new(this, name);

    public readonly struct Scope : IDisposable
    {
        private readonly PhaseTimings _owner;
        private readonly string _name;
        private readonly long _startTicks;
        private readonly TimeSpan _startCpu;
        private readonly long _startAllocated;
        private readonly int _gen0, _gen1, _gen2;

        internal Scope(PhaseTimings owner, string name)
        {
            _owner = owner;
            _name = name;
            _startTicks = System.Diagnostics.Stopwatch.GetTimestamp();
            _startCpu = Environment.CpuUsage.TotalTime;
            _startAllocated = GC.GetTotalAllocatedBytes();
            _gen0 = GC.CollectionCount(0);
            _gen1 = GC.CollectionCount(1);
            _gen2 = GC.CollectionCount(2);
        }

        public void Dispose()
        {
            if (_owner is null) return;
            lock (_owner._phases)
                _owner._phases.Add(new Phase(_name, System.Diagnostics.Stopwatch.GetElapsedTime(_startTicks),
                    Environment.CpuUsage.TotalTime - _startCpu, GC.GetTotalAllocatedBytes() - _startAllocated,
                    GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2));
            MemoryTrace.PhaseEnded(_name);
        }
    }
}
