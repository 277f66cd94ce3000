using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// Which of the retained transactions and registrations belong to a scan, so they add to its one finding
/// instead of raising per-client ones. A client that ever sent credentials or was accepted is a phone, not a
/// scanner, and keeps its own findings; so does any request a phone would retransmit.
/// </summary>
public sealed class ScanMembership
{
    private readonly ScanTally _tally;
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);

    public ScanMembership(ScanTally tally, IEnumerable<Transaction> transactions)
    {
        _tally = tally;
        foreach (var t in transactions)
            if (t.Credentials is not null || (t.FinalStatus is >= 200 and < 300 && t.Method is ("REGISTER" or "INVITE")
                                              && !ScanSignature.IsScannerAgent(t.UserAgent)))
                _phones.Add(t.Client);
    }

    /// <summary>True when <paramref name="t"/> is part of a scan of its server.</summary>
    public bool Covers(Transaction t)
    {
        var evidence = ScanTally.EvidenceOf(t);
        if (evidence == ScanEvidence.None || _tally.ScanOf(t.Server) is null) return false;
        return evidence == ScanEvidence.ScannerAgent || !_phones.Contains(t.Client);
    }

    /// <summary>True when every transaction of <paramref name="r"/> is part of a scan.</summary>
    public bool Covers(Registration r) => r.Transactions.Count > 0 && r.Transactions.TrueForAll(Covers);
}
