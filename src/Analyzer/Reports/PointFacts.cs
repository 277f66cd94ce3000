using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// What one capture point saw of a registration, transaction or call: whether the request passed it, the final
/// response it saw, the next hops the request came from and the response left toward, and whether that response
/// reached the client as the point can tell.
/// </summary>
public sealed class PointFacts
{
    public required string Point { get; init; }
    public int PointIndex { get; init; }
    /// <summary>The item's id at that point (registration, transaction or dialog id).</summary>
    public long Id { get; init; }
    public FrameRef FirstFrame { get; init; }
    public bool RequestSeen { get; init; }
    /// <summary>Request copies seen there (first and retransmissions) of the last transaction.</summary>
    public int Requests { get; init; }
    public int? FinalStatus { get; init; }
    public string? Outcome { get; init; }
    /// <summary>MAC of the next hop the request came in from (or was sent to, at a point on the client's side).</summary>
    public string? RequestFrom { get; init; }
    /// <summary>MAC of the next hop the final response left toward (or came back from).</summary>
    public string? ResponseTo { get; init; }
    /// <summary>yes / no / unknown: did the final response reach the client, as this point shows it.</summary>
    public string Delivered { get; init; } = "unknown";
    public string? DeliveryEvidence { get; init; }
    /// <summary>
    /// "yes" only because the client sent nothing more over UDP after the response (no retransmission, no ACK to
    /// wait for): weaker than a client that used the response or a TCP acknowledgment.
    /// </summary>
    public bool YesFromSilence { get; init; }
    /// <summary>CSeq of the last transaction: a later step of a registration outranks an earlier one.</summary>
    public long CSeq { get; init; }
    /// <summary>When the final response passed the point, on the reference clock (null without one).</summary>
    public long? FinalSeenNs { get; init; }
    /// <summary>In a few words: "401 → 02:a0:00:00:00:fe", "REGISTER only", "401, then 200 → …".</summary>
    public string Seen { get; init; } = "";

    /// <summary>
    /// The facts of <paramref name="t"/>, the last transaction of an item at its point; <paramref name="before"/>
    /// says what came before it there ("401, then "), empty for a lone transaction.
    /// </summary>
    internal static PointFacts Of(AnalysisResult result, RegistrationDelivery delivery, Transaction t, long id, FrameRef first,
        string? outcome, int? finalStatus, string before)
    {
        var point = result.Points[t.Point];
        var path = delivery.PathOf(t);
        var (delivered, evidence) = delivery.Of(t);
        string? responseTo = path?.ResponseHop?.Mac.ToString();
        long? finalNs = t.FinalResponseNs is long ns ? result.Correlation?.Align(point, ns) ?? ns : null;
        return new PointFacts
        {
            Point = point.Name,
            PointIndex = point.Index,
            Id = id,
            FirstFrame = first,
            RequestSeen = t.RequestSeen,
            Requests = t.RequestCount,
            FinalStatus = finalStatus,
            Outcome = outcome,
            RequestFrom = path?.RequestHop?.Mac.ToString(),
            ResponseTo = responseTo,
            Delivered = delivered,
            DeliveryEvidence = evidence,
            YesFromSilence = delivered == "yes" && path is { RetransmissionsAfterResponse: 0 } && t.Transport == Transport.Udp && t.Method != "INVITE",
            CSeq = t.CSeq,
            FinalSeenNs = finalNs,
            Seen = before + Words(t, responseTo),
        };
    }

    private static string Words(Transaction t, string? responseTo)
    {
        if (t.FinalStatus is int status)
        {
            string s = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!t.RequestSeen) return $"{s} without the {t.Method}";
            return responseTo is null ? s : $"{s} → {responseTo}";
        }
        if (!t.RequestSeen) return "responses only";
        return t.Responses.Count > 0 ? $"{t.Method}, {t.Responses[0].Status} only" : $"{t.Method} only";
    }

    public override string ToString() => $"{Point}: {Seen}";
}
