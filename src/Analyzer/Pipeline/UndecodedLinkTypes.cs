using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Link types met whose frames the decoder cannot read (a USER link type, ATM in ERF …), with how many packets
/// each had: without this a capture of one would show no SIP and no warning. Bounded: the first
/// <see cref="MaxLinkTypes"/> link types are listed, the packets of any further ones only counted in total.
/// Counted on the reader's thread; read once the analysis is over.
/// </summary>
public sealed class UndecodedLinkTypes
{
    public const int MaxLinkTypes = 16;
    /// <summary>The anomaly kind these packets are counted under.</summary>
    public const string AnomalyKind = "link-type-not-decoded";

    private readonly int[] _linkTypes = new int[MaxLinkTypes];
    private readonly long[] _packets = new long[MaxLinkTypes];
    private int _count;

    /// <summary>One link type and its undecoded packets.</summary>
    public readonly record struct Entry(int LinkType, string Name, long Packets);

    /// <summary>Packets of link types past <see cref="MaxLinkTypes"/>.</summary>
    public long UnlistedPackets { get; private set; }

    public int Count => _count;

    /// <summary>Counts one packet; no allocation (a handful of distinct link types at most is the rule).</summary>
    public void Add(int linkType)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_linkTypes[i] != linkType) continue;
            _packets[i]++;
            return;
        }
        if (_count == MaxLinkTypes)
        {
            UnlistedPackets++;
            return;
        }
        _linkTypes[_count] = linkType;
        _packets[_count++] = 1;
    }

    /// <summary>The link types in the order first met, each named from <see cref="LinkTypes.Name"/>.</summary>
    public IReadOnlyList<Entry> Entries
    {
        get
        {
            var entries = new Entry[_count];
            for (int i = 0; i < _count; i++)
                entries[i] = new Entry(_linkTypes[i], LinkTypes.Name(_linkTypes[i]), _packets[i]);
            return entries;
        }
    }
}
