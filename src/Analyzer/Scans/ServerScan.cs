using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;
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
    // A scan's requests come in runs from one network, mostly from one source and often for one AOR (a scanner
    // works from one host; a flood's sources share a /16): a repeat is told from the last one held here, in this
    // object, instead of in the tables, which are out of the CPU cache when a capture has hundreds of points and
    // each point's scan keeps its own.
    private RecentCount<ulong> _recentNetwork;
    private RecentCount<ulong> _recentWideNetwork;
    private string? _lastAor;
    private uint? _lastSource;
    private readonly Dictionary<string, long> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _methods = new(StringComparer.Ordinal);
    private RecentCount<string> _recentMethod; // a scan is mostly one method
    private RecentCount<string> _recentAgent; // and one User-Agent
    private readonly Dictionary<int, long> _statuses = new();
    private readonly List<ScanSample> _samples = new();
    private readonly List<ScanSample> _challengedSamples = new();
    // The scanner's requests the server accepted (a REGISTER bound, an INVITE answered): few, and what the reader must
    // act on first, so each is named with its frames.
    private readonly List<ScanSample> _accepted = new();
    // A challenged request is a scan's only if its client never answers the challenge (a phone does, a scanner does
    // not). Counted at once, a phone's first REGISTER showed in the scan's methods, statuses, networks, sources and
    // User-Agents while the request total left it out ("250 requests (REGISTER ×201, OPTIONS ×50)"). So it is held
    // until its answer comes (then it was never scan traffic), room is needed, or the capture ends. The answer
    // completes a moment after the challenge (both wait for the same timer), so a few are enough: at most this
    // many for the whole analysis, every capture point and server together.
    internal const int MaxHeldChallenges = 1_024;
    private readonly SharedCount _held;
    private readonly Dictionary<ChallengeKey, Transaction> _heldChallenges = new();
    private readonly Queue<ChallengeKey> _heldOrder = new();
    // Answers that completed before the challenge they answer (the capture ended between them): that challenge is
    // dropped when it comes. Refreshes with credentials and no challenge fill it too; once full, it takes no more.
    private readonly HashSet<ChallengeKey> _answeredFirst = new();

    /// <param name="held">Challenged requests held by every scan of the analysis.</param>
    internal ServerScan(string server, SharedCount? held = null)
    {
        Server = server;
        _held = held ?? new SharedCount();
    }

    public string Server { get; }
    /// <summary>
    /// Too few requests for a scan at this point, but one share of a scan split between capture points (see
    /// <see cref="SplitScans"/>): reported as a scan, and kept only if the points prove to have seen different requests.
    /// </summary>
    public bool ShareOfSplitScan { get; internal set; }
    /// <summary>Too few requests for a scan, but all from sources sweeping many servers (see <see cref="SweptServers"/>).</summary>
    public bool PartOfSweep { get; internal set; }
    public long ScannerAgentRequests { get; private set; }
    public long Unanswered { get; private set; }
    public long Rejected { get; private set; }
    public long Challenged { get; private set; }
    /// <summary>Challenged requests whose client answered the challenge (a phone): not counted in the scan.</summary>
    public long AnsweredChallenges { get; private set; }
    /// <summary>
    /// Scanner requests other than OPTIONS the server accepted (a 2xx: a registered binding, an answered call): the
    /// scan got something.
    /// </summary>
    public long AnsweredPositively { get; private set; }
    /// <summary>Scanner OPTIONS answered with a 2xx, as servers answer pings: it tells the scanner a server is there, no more.</summary>
    public long OptionsAnswered { get; private set; }
    /// <summary>Scan requests without a final response, scanner-agent ones included.</summary>
    public long NoFinalResponse { get; private set; }
    /// <summary>Scanner requests with credentials that the server refused (a 4xx–6xx): passwords guessed wrong.</summary>
    public long RefusedGuesses { get; private set; }
    /// <summary>The usernames of those guesses, with their counts (at most <see cref="MaxAgents"/> named).</summary>
    public IReadOnlyDictionary<string, long> GuessedUsers => _guessedUsers;
    private readonly Dictionary<string, long> _guessedUsers = new(StringComparer.Ordinal);
    /// <summary>Networks beyond the tally's cap (counted, not named).</summary>
    public long RequestsInUncountedNetworks => _recentNetwork.Dropped + _recentWideNetwork.Dropped;
    public long FirstFrameNs { get; private set; } = long.MaxValue;
    public long LastFrameNs { get; private set; } = long.MinValue;
    internal DistinctCounter Sources { get; } = new(2_000_000);
    internal DistinctCounter Aors { get; } = new(100_000);

    /// <summary>
    /// Requests of the scan: scanner-agent ones, unanswered and rejected ones, and the challenged ones no client
    /// answered (those still held included). Every count and list of the scan is over these same requests.
    /// </summary>
    public long Requests => ScannerAgentRequests + Unanswered + Rejected + Challenged + _heldChallenges.Count;

    public IReadOnlyDictionary<string, long> Methods => _recentMethod.Flushed(_methods);
    public IReadOnlyDictionary<string, long> Agents => _recentAgent.Flushed(_agents);
    /// <summary>Final statuses the server gave scan requests (challenges a phone then answered included).</summary>
    public IReadOnlyDictionary<int, long> Statuses => _statuses;

    /// <summary>Up to <see cref="MaxSamples"/> of the scanner's requests the server accepted (not OPTIONS), in the order seen.</summary>
    public IReadOnlyList<ScanSample> Accepted => _accepted;

    /// <summary>The samples, unanswered and rejected ones first (a challenged one may be a phone that answered it).</summary>
    public IEnumerable<ScanSample> Samples => _samples.Concat(_challengedSamples).Take(MaxSamples);

    /// <summary>Networks with their request counts, most requests first: /16 (IPv4) or /48 (IPv6) when <paramref name="wide"/> is false, /8 or /32 when true.</summary>
    public List<(string Prefix, long Requests)> Networks(bool wide, int max)
    {
        var list = new List<KeyValuePair<ulong, long>>(NetworksOf(wide));
        list.Sort((a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
        var result = new List<(string, long)>(Math.Min(max, list.Count));
        for (int i = 0; i < list.Count && i < max; i++) result.Add((PrefixText(list[i].Key, wide), list[i].Value));
        return result;
    }

    public int NetworkCount(bool wide) => NetworksOf(wide).Count;

    private Dictionary<ulong, long> NetworksOf(bool wide) =>
        wide ? _recentWideNetwork.Flushed(_wideNetworks) : _recentNetwork.Flushed(_networks);

    /// <summary>
    /// A request with credentials: a client answering a challenge (which was then not scan traffic), or a refresh.
    /// A challenge already counted when its answer comes (more were held meanwhile than the scan holds) stays
    /// counted: the scan may then count a phone, but all its figures count the same requests.
    /// </summary>
    internal void NoteAuthenticated(Transaction t)
    {
        if (KeyOf(t) is not { } key) return;
        if (_heldChallenges.Remove(key))
        {
            _held.Value--;
            AnsweredChallenges++;
            return;
        }
        // Only the last few matter (the capture's end); emptied when full rather than kept full of old refreshes.
        if (_answeredFirst.Count >= MaxHeldChallenges) _answeredFirst.Clear();
        _answeredFirst.Add(key);
    }

    /// <summary>
    /// Counts the challenges still held (end of capture: nobody answered them) and puts the held method count in
    /// its dictionary, so readers on other threads only read.
    /// </summary>
    internal void FlushCounts()
    {
        while (_heldOrder.TryDequeue(out var key))
            if (_heldChallenges.Remove(key, out var t))
            {
                _held.Value--;
                Count(t, ScanEvidence.Challenged);
            }
        _recentMethod.Flush(_methods);
        _recentAgent.Flush(_agents);
        _recentNetwork.Flush(_networks);
        _recentWideNetwork.Flush(_wideNetworks);
    }

    internal void Add(Transaction t, ScanEvidence evidence)
    {
        if (evidence == ScanEvidence.Challenged && KeyOf(t) is { } key) Hold(t, key);
        else Count(t, evidence);
    }

    private static ChallengeKey? KeyOf(Transaction t) =>
        t.FirstRequest is { } first && t.CallId is { } callId ? new ChallengeKey(first.Meta.SourceIp, first.Meta.SourcePort, callId) : null;

    private void Hold(Transaction t, ChallengeKey key)
    {
        if (_answeredFirst.Remove(key))
        {
            AnsweredChallenges++;
            return;
        }
        if (_heldChallenges.Remove(key, out var earlier))
        {
            _held.Value--;
            Count(earlier, ScanEvidence.Challenged);
        }
        // Full (another server's or point's scan may hold the rest): this scan's oldest is counted to make room;
        // with none of its own held, the new one is counted at once.
        if (_held.Value >= MaxHeldChallenges && !CountOldestHeld())
        {
            Count(t, ScanEvidence.Challenged);
            return;
        }
        _heldChallenges.Add(key, t);
        _held.Value++;
        _heldOrder.Enqueue(key);
        // Keys of answered challenges stay queued until dequeued: dropped here, so that many phones answering
        // their challenges do not grow the queue.
        if (_heldOrder.Count > 2 * MaxHeldChallenges)
        {
            var live = _heldOrder.Where(_heldChallenges.ContainsKey).Distinct().ToList();
            _heldOrder.Clear();
            foreach (var k in live) _heldOrder.Enqueue(k);
        }
    }

    private bool CountOldestHeld()
    {
        while (_heldOrder.TryDequeue(out var oldest))
            if (_heldChallenges.Remove(oldest, out var counted))
            {
                _held.Value--;
                Count(counted, ScanEvidence.Challenged);
                return true;
            }
        return false;
    }

    private void Count(Transaction t, ScanEvidence evidence)
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
            if (status is >= 200 and < 300 && evidence == ScanEvidence.ScannerAgent)
            {
                if (t.Method == "OPTIONS") OptionsAnswered++;
                else
                {
                    AnsweredPositively++;
                    if (_accepted.Count < MaxSamples && t.FirstRequest is not null) _accepted.Add(SampleOf(t));
                }
            }
            CollectionsMarshal.GetValueRefOrAddDefault(_statuses, status, out _)++;
            // A scanner that answers challenges with credentials is guessing passwords: each refusal a wrong guess.
            if (status >= 300 && t.Credentials is { } credentials)
            {
                RefusedGuesses++;
                string user = credentials.Username ?? "?";
                if (_guessedUsers.Count < MaxAgents || _guessedUsers.ContainsKey(user))
                    CollectionsMarshal.GetValueRefOrAddDefault(_guessedUsers, user, out _)++;
            }
        }
        else NoFinalResponse++;
        _recentMethod.Add(_methods, t.Method);
        if (t.UserAgent is { } agent) _recentAgent.Add(_agents, agent, MaxAgents);
        if (t.ToUri is { } aor && !ReferenceEquals(aor, _lastAor))
        {
            Aors.Add(DistinctCounter.Value(aor));
            _lastAor = aor; // the parser hands out one string for the same bytes, mostly
        }
        FirstFrameNs = Math.Min(FirstFrameNs, t.FirstRequestNs);
        LastFrameNs = Math.Max(LastFrameNs, t.LastMessageNs);
        if (t.FirstRequest is { } first)
        {
            var ip = first.Meta.SourceIp;
            uint source = DistinctCounter.Value(ip.High, ip.Low, ip.IsV6);
            if (source != _lastSource)
            {
                Sources.Add(source);
                _lastSource = source;
            }
            _recentNetwork.Add(_networks, NetworkKey(ip, wide: false), MaxNetworks);
            _recentWideNetwork.Add(_wideNetworks, NetworkKey(ip, wide: true), MaxNetworks);
        }
        var samples = evidence == ScanEvidence.Challenged ? _challengedSamples : _samples;
        if (samples.Count < MaxSamples && t.FirstRequest is not null) samples.Add(SampleOf(t));
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
