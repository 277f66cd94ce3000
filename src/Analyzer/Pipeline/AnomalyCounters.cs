namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Odd packets and messages, counted by kind, each with the first few frames where it was seen — the
/// analysis goes on (Zeek's "weird" log). Bounded: at most <see cref="MaxFramesPerKind"/> distinct frames per kind.
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
            var at = new Packets.FrameRef(capture, frame);
            if (entry.Frames.Count < MaxFramesPerKind && !entry.Frames.Contains(at))
                entry.Frames.Add(at);
        }
    }

    /// <summary>Adds a tally counted elsewhere (a point's SIP engine): its count, and its first frames up to the bound.</summary>
    public void Merge(string kind, long count, IEnumerable<Packets.FrameRef> frames)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(kind, out var entry))
                _entries[kind] = entry = new Entry();
            entry.Count += count;
            foreach (var frame in frames)
            {
                if (entry.Frames.Count >= MaxFramesPerKind) break;
                if (!entry.Frames.Contains(frame)) entry.Frames.Add(frame);
            }
        }
    }

    public long Total => _entries.Values.Sum(e => e.Count);
}
