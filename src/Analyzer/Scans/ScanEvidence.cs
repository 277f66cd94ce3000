namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>What one completed transaction says about a scan of its server.</summary>
public enum ScanEvidence
{
    /// <summary>Nothing: an ordinary request, or one a scanner does not send.</summary>
    None,
    /// <summary>Sent with a scanner's User-Agent, whatever the answer.</summary>
    ScannerAgent,
    /// <summary>A single UDP REGISTER/OPTIONS/INVITE without credentials that got no final response.</summary>
    Unanswered,
    /// <summary>The same, rejected with a final status ≥ 300 other than a digest challenge.</summary>
    Rejected,
    /// <summary>The same, challenged (401/407): a scan unless the client answers the challenge.</summary>
    Challenged,
}
