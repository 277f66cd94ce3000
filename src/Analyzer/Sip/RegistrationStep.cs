using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>One REGISTER transaction inside a registration attempt, summarised.</summary>
public sealed class RegistrationStep
{
    public long TransactionId { get; init; }
    public long CSeq { get; init; }
    public FrameRef FirstFrame { get; init; }
    public long TimestampNs { get; init; }
    /// <summary>The request carried Authorization or Proxy-Authorization.</summary>
    public bool WithCredentials { get; init; }
    public string? Username { get; init; }
    public int? FinalStatus { get; internal set; }
    /// <summary>The 401/407 challenge said stale=true (the nonce expired, the password was not wrong).</summary>
    public bool Stale { get; internal set; }
    public string? Realm { get; internal set; }
    public int Retransmissions { get; internal set; }
    /// <summary>Transaction outcome, filled in when the transaction completes.</summary>
    public TransactionOutcome? Outcome { get; internal set; }

    /// <summary>
    /// The step of a REGISTER transaction as it stands: what its first request carried (<paramref name="credentials"/>)
    /// and, once it completed, its outcome. Its final response's status, stale flag and realm are filled in by the
    /// tracker when it comes.
    /// </summary>
    internal static RegistrationStep Of(Transaction t, SipCredentials? credentials) => new()
    {
        TransactionId = t.Id,
        CSeq = t.CSeq,
        FirstFrame = t.FirstFrame,
        TimestampNs = t.FirstRequestNs,
        WithCredentials = credentials is not null,
        Username = credentials?.Username,
        Outcome = t.IsCompleted ? t.Outcome : null,
        Retransmissions = t.IsCompleted ? t.Retransmissions : 0,
    };
}
