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
}
