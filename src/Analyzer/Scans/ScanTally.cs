using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// Fed every completed transaction of one SIP engine (so also those not retained for the report): tallies,
/// per server, the requests that look like scanning — a scanner's User-Agent, or single UDP
/// REGISTER/OPTIONS/INVITE requests without credentials that were never answered or only rejected. A server
/// is scanned once a scanner agent was seen or such requests came from many sources or for many AORs; then its
/// scan is one finding, and its requests are routine for retention, so they never crowd out a real phone's.
/// </summary>
public sealed class ScanTally
{
    /// <summary>Requests without a scanner agent that make a scan, from at least <see cref="MinSources"/> sources or AORs.</summary>
    public const int MinRequests = 100;
    public const int MinSources = 20;
    private const int MaxServers = 1_024;

    private readonly Dictionary<string, ServerScan> _servers = new(StringComparer.Ordinal);
    // The server of the last transaction tallied: a point's requests mostly go to one server, and with many capture
    // points the dictionary is cold by the time its point's next transaction completes. Servers are never removed.
    private ServerScan? _last;
    private readonly SharedCount _heldChallenges;

    /// <param name="heldChallenges">Challenged requests held by every tally of the analysis (this one's included).</param>
    internal ScanTally(SharedCount? heldChallenges = null) => _heldChallenges = heldChallenges ?? new SharedCount();

    /// <summary>Scan-like requests to servers beyond the tally's cap (reported as the sip-scan-servers eviction).</summary>
    public long DroppedRequests { get; private set; }

    /// <summary>Servers that were scanned, in the order first tallied.</summary>
    public IEnumerable<ServerScan> Scans
    {
        get
        {
            foreach (var s in _servers.Values)
                if (IsScanned(s)) yield return s;
        }
    }

    /// <summary>What <paramref name="t"/> says about a scan of its server, from its own fields only.</summary>
    public static ScanEvidence EvidenceOf(Transaction t)
    {
        if (!t.RequestSeen) return ScanEvidence.None;
        if (ScanSignature.IsScannerAgent(t.UserAgent)) return ScanEvidence.ScannerAgent;
        // A phone retransmits what goes unanswered (timer E) and answers challenges; over TCP it never
        // retransmits, but scanners hardly use TCP. A scanner fires once and moves on.
        if (t.Method is not ("REGISTER" or "OPTIONS" or "INVITE") || t.Transport != Transport.Udp || t.RequestCount != 1
            || t.Credentials is not null)
            return ScanEvidence.None;
        return t.FinalStatus switch
        {
            null => ScanEvidence.Unanswered,
            401 or 407 => ScanEvidence.Challenged,
            >= 300 => ScanEvidence.Rejected,
            _ => ScanEvidence.None,
        };
    }

    /// <summary>
    /// Tallies a completed transaction; true when it is scan traffic to a server already known to be scanned
    /// (so it need not be kept for the report in preference to others).
    /// </summary>
    public bool Observe(Transaction t)
    {
        var evidence = EvidenceOf(t);
        if (evidence == ScanEvidence.None && t.Credentials is null) return false;
        var scan = _last;
        if (scan is null || !string.Equals(scan.Server, t.Server, StringComparison.Ordinal))
        {
            if (!_servers.TryGetValue(t.Server, out scan))
            {
                if (_servers.Count >= MaxServers) { DroppedRequests++; return false; }
                _servers[t.Server] = scan = new ServerScan(t.Server, _heldChallenges);
            }
            _last = scan;
        }
        if (evidence == ScanEvidence.None)
        {
            scan.NoteAuthenticated(t); // a phone answering its challenge
            return false;
        }
        scan.Add(t, evidence);
        return evidence != ScanEvidence.Challenged && IsScanned(scan);
    }

    /// <summary>Puts every held count in its dictionary (end of capture).</summary>
    internal void FlushCounts()
    {
        foreach (var s in _servers.Values) s.FlushCounts();
    }

    /// <summary>The scan of <paramref name="server"/>, null when it was not scanned.</summary>
    public ServerScan? ScanOf(string server) =>
        _servers.TryGetValue(server, out var s) && IsScanned(s) ? s : null;

    private static bool IsScanned(ServerScan s) => s.ShareOfSplitScan || s.PartOfSweep || MakesScan(s.Requests, s.ScannerAgentRequests, s.Sources.Count, s.Aors.Count);

    /// <summary>Whether these figures of scan-like requests to one server make a scan.</summary>
    internal static bool MakesScan(long requests, long scannerAgentRequests, long sources, long aors) =>
        scannerAgentRequests > 0 || (requests - scannerAgentRequests >= MinRequests && (sources >= MinSources || aors >= MinSources))
        || IsEnumeration(requests - scannerAgentRequests, sources, aors);

    /// <summary>AORs per source address, on average, that make an extension enumeration.</summary>
    private const int EnumerationAorsPerSource = 4;

    // One address (or a few) trying extension after extension, each once, never retransmitted and never answering a
    // challenge (svwar's enumeration): told without a hundred requests, since a phone registers its own AOR from its own
    // address and retransmits what goes unanswered. Forty unanswered REGISTERs for 100…139 from one internet address were
    // the PBX "leaving a client's REGISTERs unanswered", an error asking to check its route back.
    internal static bool IsEnumeration(long requests, long sources, long aors) =>
        requests >= MinSources && aors >= MinSources && aors >= EnumerationAorsPerSource * Math.Max(1, sources);

    /// <summary>Servers sent scan-like requests that did not make a scan here (yet).</summary>
    internal IEnumerable<ServerScan> Unscanned
    {
        get
        {
            foreach (var s in _servers.Values)
                if (s.Requests > 0 && !IsScanned(s)) yield return s;
        }
    }
}
