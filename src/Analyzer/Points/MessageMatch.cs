namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>How the copies of one message at different capture points were recognised as the same message.</summary>
public enum MessageMatch
{
    /// <summary>Seen at one point only.</summary>
    Single,
    /// <summary>Same IP id, transport ports and payload hash: the packet crossed unchanged.</summary>
    Exact,
    /// <summary>Same SIP identity (Call-ID, CSeq, top branch, method or status) and IP id, other bytes: rewritten on the way (NAT, ALG).</summary>
    Rewritten,
    /// <summary>Same SIP identity, nearest in time (after the clock offset): neither bytes nor IP id survived.</summary>
    Time,
}
