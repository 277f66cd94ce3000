using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// What follows a transaction's request — its responses, ACKs, ICMP errors, a CANCEL — made when the first of
/// them arrives (or a reader asks): the transactions of a flood are mostly never answered, and these fields were
/// a third of each of the ten thousand live ones that the collector copies between generations.
/// </summary>
internal sealed class TransactionFollowUp
{
    /// <summary>The value of a time that is not known (yet).</summary>
    public const long NoTime = long.MinValue;
    /// <summary>The value of <see cref="FinalStatus"/> before a final response.</summary>
    public const int NoStatus = int.MinValue;

    /// <summary>Responses grouped by status, in the order first seen. A mutable struct: used in place.</summary>
    public SmallList<ResponseGroup> Groups;
    public long FirstResponseNs = NoTime, FinalResponseNs = NoTime, FirstProvisionalNs = NoTime;
    public double ResponseTimeMs = double.NaN;
    public int FinalStatus = NoStatus;
    public int Retransmissions;
    public int RetransmissionsAfterFinal;
    public long CancelTransactionId = NoTime;
    public string? FinalReason;
    public string? ServerAgent;
    public SipChallenge? Challenge;
    public List<TransactionMessage>? Acks;
    public List<IcmpQuote>? IcmpErrors;
}
