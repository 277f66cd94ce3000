using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// The ARP requests (and IPv6 neighbour solicitations) hosts sent on each link, and which addresses ever answered
/// there. A server that asks ARP for a client whose requests came in through a router takes the client for a
/// neighbour on its own link (a subnet mask too wide, an on-link route): its answers never leave it. Bounded: past
/// <see cref="MaxLookups"/> pairs or announced addresses, new ones are counted in <see cref="Dropped"/>.
/// </summary>
public sealed class NeighborLookups
{
    public const int MaxLookups = 16_384;
    /// <summary>Frames kept per lookup for the evidence (the count goes on).</summary>
    public const int MaxFramesKept = 8;

    private readonly Dictionary<(SegmentKey, NetAddress Asker, NetAddress Target), Lookup> _lookups = new();
    private readonly HashSet<(SegmentKey, NetAddress)> _present = new();

    /// <summary>Requests or addresses that did not fit under the caps.</summary>
    public long Dropped { get; private set; }

    /// <summary>One host's requests for one address on one link: how many, when, in which frames.</summary>
    public sealed class Lookup
    {
        public int Count { get; internal set; }
        public long FirstNs { get; internal set; }
        public long LastNs { get; internal set; }
        public List<FrameRef> Frames { get; } = new(2);
    }

    public void Observe(SegmentKey segment, FrameRef frameRef, long timestampNs, in DecodedFrame frame)
    {
        // Whoever speaks ARP or ND with an address owns it on this link (a reply, its own request, a gratuitous one).
        if (!frame.ArpSenderIp.IsNone)
        {
            if (_present.Count < MaxLookups) _present.Add((segment, frame.ArpSenderIp));
            else if (!_present.Contains((segment, frame.ArpSenderIp))) Dropped++;
        }
        if (frame.ArpOperation != 1 || frame.ArpSenderIp.IsNone || frame.ArpTargetIp.IsNone || frame.ArpSenderIp == frame.ArpTargetIp) return;
        var key = (segment, frame.ArpSenderIp, frame.ArpTargetIp);
        if (!_lookups.TryGetValue(key, out var lookup))
        {
            if (_lookups.Count >= MaxLookups) { Dropped++; return; }
            _lookups[key] = lookup = new Lookup { FirstNs = timestampNs };
        }
        lookup.Count++;
        lookup.LastNs = timestampNs;
        if (lookup.Frames.Count < MaxFramesKept) lookup.Frames.Add(frameRef);
    }

    /// <summary>
    /// <paramref name="asker"/>'s requests for <paramref name="target"/> on <paramref name="segment"/> when
    /// <paramref name="target"/> never answered there; null when it asked none or the target is present.
    /// </summary>
    public Lookup? Unanswered(SegmentKey segment, NetAddress asker, NetAddress target) =>
        _lookups.TryGetValue((segment, asker, target), out var lookup) && !_present.Contains((segment, target)) ? lookup : null;

    /// <summary>
    /// The addresses <paramref name="asker"/> asked for on <paramref name="segment"/> at some time between
    /// <paramref name="fromNs"/> and <paramref name="toNs"/>, in order of their first request.
    /// </summary>
    public List<(NetAddress Target, Lookup Lookup)> AskedBy(SegmentKey segment, NetAddress asker, long fromNs, long toNs)
    {
        var asked = new List<(NetAddress, Lookup)>();
        foreach (var ((at, who, target), lookup) in _lookups)
            if (at == segment && who == asker && lookup.FirstNs <= toNs && lookup.LastNs >= fromNs) asked.Add((target, lookup));
        asked.Sort((a, b) => a.Item2.FirstNs.CompareTo(b.Item2.FirstNs));
        return asked;
    }
}
