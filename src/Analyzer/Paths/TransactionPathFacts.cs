using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// What one transaction's path shows, reduced to the facts its verdict rests on: whether a final response
/// came, whether the request timed out, whether the response took another next hop than the request (or than the
/// topology file's gateway), and whether it reached the client.
/// </summary>
public readonly record struct TransactionPathFacts(
    bool HasFinalResponse,
    bool IsRegister,
    bool RequestSeen,
    bool AnyResponse,
    bool TimedOut,
    bool Symmetric,
    bool AgainstTopology,
    bool ExpectedHopKnown,
    ResponseDelivery Delivery,
    bool IsInvite = false,
    bool SentOnceOverUdp = false,
    bool CallAnsweredElsewhere = false,
    bool RepliedElsewhere = false,
    bool RepliedFromElsewhere = false)
{
    /// <summary>The response left toward another next hop than the request came from, or than the declared gateway.</summary>
    public bool DifferentHop => !Symmetric || AgainstTopology;

    /// <summary>
    /// The facts of <paramref name="p"/>; a request without an answer has timed out when the client sent it again
    /// or when timer F (<paramref name="timerFNs"/>) passed before the capture ended at <paramref name="captureEndNs"/>.
    /// </summary>
    /// <param name="callAnsweredElsewhere">Another transaction of the same Call-ID got a 2xx to its INVITE (a forked call).</param>
    public static TransactionPathFacts Of(TransactionPath p, long captureEndNs, long timerFNs, bool callAnsweredElsewhere = false)
    {
        var t = p.Transaction;
        return new TransactionPathFacts(
            HasFinalResponse: p.FinalResponse is not null,
            IsRegister: t.Method == "REGISTER",
            RequestSeen: t.RequestSeen,
            AnyResponse: t.Responses.Count > 0,
            TimedOut: t.RequestCount >= 2 || captureEndNs - t.FirstRequestNs >= timerFNs,
            Symmetric: p.Symmetric,
            AgainstTopology: p.AgainstTopology,
            ExpectedHopKnown: p.ExpectedHop is not null,
            Delivery: p.Delivery,
            IsInvite: t.Method == "INVITE",
            SentOnceOverUdp: t.Transport == Packets.Transport.Udp && t.RequestCount < 2,
            CallAnsweredElsewhere: callAnsweredElsewhere,
            RepliedElsewhere: p.RepliedTo is not null,
            RepliedFromElsewhere: p.RepliedFrom is not null);
    }
}
