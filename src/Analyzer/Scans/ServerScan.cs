using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// Everything one server was sent that looks like scanning, in counts and bounded samples: requests by
/// evidence and method, distinct sources and AORs, /16 and /8 networks (/48 and /32 for IPv6), User-Agents,
/// a few example clients. Its size does not depend on how many scanners there were.
/// </summary>
public sealed class ServerScan
{
    /// <summary>Example clients kept with their frames.</summary>
    public const int MaxSamples = 5;
    private const int MaxNetworks = 65_536;
    private const int MaxAgents = 32;
    private const int MaxFramesPerSample = 4;

    private readonly Dictionary<ulong, long> _wideNetworks = new();
    private readonly Dictionary<ulong, long> _networks = new();
    private readonly Dictionary<string, long> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _methods = new(StringComparer.Ordinal);
    private RecentCount<string> _recentMethod; // a scan is mostly one method
    private readonly Dictionary<int, long> _statuses = new();
    private readonly List<ScanSample> _samples = new();
    private readonly List<ScanSample> _challengedSamples = new();

    public ServerScan(string server) => Server = server;

    public string Server { get; }
    public long ScannerAgentRequests { get; private set; }
    public long Unanswered { get; private set; }
    public long Rejected { get; private set; }
    public long Challenged { get; private set; }
    /// <summary>Requests from any client that carried credentials: a challenged request answered by its client.</summary>
    public long Authenticated { get; private set; }
    /// <summary>Scanner requests the server accepted (a 2xx): the scan got something.</summary>
    public long AnsweredPositively { get; private set; }
    /// <summary>Scan requests without a final response, scanner-agent ones included.</summary>
    public long NoFinalResponse { get; private set; }
    /// <summary>Networks beyond the tally's cap (counted, not named).</summary>
    public long RequestsInUncountedNetworks { get; private set; }
    public long FirstFrameNs { get; private set; } = long.MaxValue;
    public long LastFrameNs { get; private set; } = long.MinValue;
    internal DistinctCounter Sources { get; } = new(2_000_000);
    internal DistinctCounter Aors { get; } = new(100_000);

    /// <summary>
    /// Requests of the scan: scanner-agent ones, unanswered and rejected ones, and the challenged ones that no
    /// client answered (counted by difference: each authenticated request answers one challenge).
    /// </summary>
    public long Requests => ScannerAgentRequests + Unanswered + Rejected + Math.Max(0, Challenged - Authenticated);

    public IReadOnlyDictionary<string, long> Methods => _recentMethod.Flushed(_methods);
    public IReadOnlyDictionary<string, long> Agents => _agents;
    /// <summary>Final statuses the server gave scan requests (challenges a phone then answered included).</summary>
    public IReadOnlyDictionary<int, long> Statuses => _statuses;

    /// <summary>The samples, unanswered and rejected ones first (a challenged one may be a phone that answered it).</summary>
    public IEnumerable<ScanSample> Samples => _samples.Concat(_challengedSamples).Take(MaxSamples);

    /// <summary>Networks with their request counts, most requests first: /16 (IPv4) or /48 (IPv6) when <paramref name="wide"/> is false, /8 or /32 when true.</summary>
    public List<(string Prefix, long Requests)> Networks(bool wide, int max)
    {
        var source = wide ? _wideNetworks : _networks;
        var list = new List<KeyValuePair<ulong, long>>(source);
        list.Sort((a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
        var result = new List<(string, long)>(Math.Min(max, list.Count));
        for (int i = 0; i < list.Count && i < max; i++) result.Add((PrefixText(list[i].Key, wide), list[i].Value));
        return result;
    }

    public int NetworkCount(bool wide) => wide ? _wideNetworks.Count : _networks.Count;

    internal void NoteAuthenticated() => Authenticated++;

    /// <summary>Puts the held method count in its dictionary (end of capture), so readers on other threads only read.</summary>
    internal void FlushCounts() => _recentMethod.Flush(_methods);

    internal void Add(Transaction t, ScanEvidence evidence)
    {
        switch (evidence)
        {
            case ScanEvidence.ScannerAgent: ScannerAgentRequests++; break;
            case ScanEvidence.Unanswered: Unanswered++; break;
            case ScanEvidence.Rejected: Rejected++; break;
            default: Challenged++; break;
        }
        if (t.FinalStatus is int status)
        {
            if (status is >= 200 and < 300 && evidence == ScanEvidence.ScannerAgent) AnsweredPositively++;
            CollectionsMarshal.GetValueRefOrAddDefault(_statuses, status, out _)++;
        }
        else NoFinalResponse++;
        _recentMethod.Add(_methods, t.Method);
        if (t.UserAgent is { } agent) CountUpTo(_agents, agent, MaxAgents);
        if (t.ToUri is { } aor) Aors.Add(DistinctCounter.Value(aor));
        FirstFrameNs = Math.Min(FirstFrameNs, t.FirstRequestNs);
        LastFrameNs = Math.Max(LastFrameNs, t.LastMessageNs);
        if (t.FirstRequest is { } first)
        {
            var ip = first.Meta.SourceIp;
            Sources.Add(DistinctCounter.Value(ip.High, ip.Low, ip.IsV6));
            Count(_networks, NetworkKey(ip, wide: false));
            Count(_wideNetworks, NetworkKey(ip, wide: true));
        }
        var samples = evidence == ScanEvidence.Challenged ? _challengedSamples : _samples;
        if (samples.Count < MaxSamples && t.FirstRequest is not null) samples.Add(SampleOf(t));
    }

    private void Count(Dictionary<ulong, long> networks, ulong key)
    {
        if (!CountUpTo(networks, key, MaxNetworks)) RequestsInUncountedNetworks++;
    }

    // One look-up for a key already counted (every completed scan request counts in several of these tables);
    // false when the key is new and the table full.
    private static bool CountUpTo<TKey>(Dictionary<TKey, long> counts, TKey key, int max) where TKey : notnull
    {
        ref long count = ref CollectionsMarshal.GetValueRefOrNullRef(counts, key);
        if (!Unsafe.IsNullRef(ref count))
        {
            count++;
            return true;
        }
        if (counts.Count >= max) return false;
        counts.Add(key, 1);
        return true;
    }

    // IPv4 keys are the address's top bits below 2^32; IPv6 keys carry bit 63, so the two never meet.
    private static ulong NetworkKey(NetAddress ip, bool wide) => ip.IsV6
        ? (1UL << 63) | (ip.High >> (wide ? 32 : 16))
        : ip.V4 >> (wide ? 24 : 16);

    private static string PrefixText(ulong key, bool wide)
    {
        if ((key & (1UL << 63)) != 0)
        {
            ulong high = (key & ~(1UL << 63)) << (wide ? 32 : 16);
            return $"{new NetAddress(high, 0, true)}/{(wide ? 32 : 48)}";
        }
        uint v4 = (uint)(key << (wide ? 24 : 16));
        return $"{NetAddress.FromV4(v4)}/{(wide ? 8 : 16)}";
    }

    private static ScanSample SampleOf(Transaction t)
    {
        var frames = new List<FrameRef>();
        foreach (var m in t.Requests) if (frames.Count < MaxFramesPerSample / 2) frames.Add(m.Frame);
        foreach (var g in t.Responses)
            foreach (var m in g.Messages)
                if (frames.Count < MaxFramesPerSample) frames.Add(m.Frame);
        frames.Sort();
        return new ScanSample(t.Client, t.Method, t.ToUri, t.UserAgent, t.FinalStatus, t.CallId, frames, t.Requests[0].Meta);
    }
}
