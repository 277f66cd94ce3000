namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Odd packets and messages, counted by kind, each with the first few frames where it was seen — the
/// analysis goes on (Zeek's "weird" log). Bounded: at most <see cref="MaxFramesPerKind"/> frames per kind.
/// </summary>
public sealed class AnomalyCounters
{
    public const int MaxFramesPerKind = 10;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public sealed class Entry
    {
        public long Count { get; set; }
        public List<Packets.FrameRef> Frames { get; } = new();
    }

    public IReadOnlyDictionary<string, Entry> Entries => _entries;

    /// <param name="kind">A constant string (never built per packet) such as "ip-truncated".</param>
    /// <remarks>Both stages of a pipelined analysis count anomalies (decoding, reassembly); they are rare, a lock is cheap.</remarks>
    public void Add(string kind, int capture, long frame)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(kind, out var entry))
                _entries[kind] = entry = new Entry();
            entry.Count++;
            if (entry.Frames.Count < MaxFramesPerKind)
                entry.Frames.Add(new Packets.FrameRef(capture, frame));
        }
    }

    public long Total => _entries.Values.Sum(e => e.Count);
}
