namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// What NAT and a SIP ALG leave alone: Call-ID, CSeq, the top Via branch and the method or status. Every copy
/// of one message (and its retransmissions) shares it at every point.
/// </summary>
internal readonly record struct MessageIdentity(MessageKind Kind, string CallId, long CSeq, string Method, int Status, string Branch)
{
    /// <summary>Seeded per process over every field: the generated hash adds CSeq and status linearly.</summary>
    public override int GetHashCode() => HashCode.Combine(Kind, CallId, CSeq, Method, Status, Branch);
}
