using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// The path of one SIP transaction at one capture point: the next hop the request came in from, the next hop
/// its final response went to (and the one it should have gone to), VLAN and TTL, and whether the response
/// reached the client, with the evidence for that.
/// </summary>
public sealed class TransactionPath
{
    public required Transaction Transaction { get; init; }
    public SegmentKey Segment { get; init; }
    public PathSide Side { get; init; }
    /// <summary>The hop the request arrived from (server side) or was sent to (client side); null without a request.</summary>
    public NextHop? RequestHop { get; init; }
    /// <summary>The hop the final response was sent to (server side) or came back from (client side).</summary>
    public NextHop? ResponseHop { get; init; }
    /// <summary>The topology file's gateway for the response, when the file has one for it.</summary>
    public NextHop? ExpectedHop { get; init; }
    public string? ExpectedReason { get; init; }
    public ushort RequestVlan { get; init; }
    public ushort ResponseVlan { get; init; }
    public byte RequestTtl { get; init; }
    public byte ResponseTtl { get; init; }
    /// <summary>The response used the hop the request came through (and the same VLAN).</summary>
    public bool Symmetric { get; init; } = true;
    /// <summary>The response left toward another hop than the topology file's gateway.</summary>
    public bool AgainstTopology { get; init; }
    public ResponseDelivery Delivery { get; init; }
    /// <summary>Plain words for the delivery evidence ("the client retransmitted the REGISTER 5 times after the 401 left").</summary>
    public string DeliveryEvidence { get; init; } = "";
    /// <summary>Request copies that arrived after the final response had left (beyond the crossing slack).</summary>
    public int RetransmissionsAfterResponse { get; init; }
    /// <summary>The final response that was checked, null without one.</summary>
    public ResponseGroup? FinalResponse { get; init; }
    /// <summary>The TCP connection (with its handshake) that carried the transaction at this point; null over UDP or when its SYN was not seen.</summary>
    public TcpHandshake? Connection { get; init; }
    /// <summary>ICMP errors quoting a message of the transaction.</summary>
    public IReadOnlyList<IcmpError> IcmpErrors { get; init; } = [];
    /// <summary>
    /// Over UDP, where the response went ("ip:port") when that is not where the request came from and the request
    /// had passed a NAT (its Via names another address than its source) or asked for rport: the Via's sent-by
    /// (RFC 3261 §18.2.2 without rport), which past a NAT that changed the source port reaches no one. Null
    /// otherwise: a client that sends from one port and listens on the one its Via names is answered there.
    /// </summary>
    public string? RepliedTo { get; init; }
    /// <summary>
    /// Over UDP, where the response came from ("ip:port") when that is not where the request went: a NAT or stateful
    /// firewall on the way takes it for no answer to anything it saw. Null when it came from where the request went.
    /// </summary>
    public string? RepliedFrom { get; init; }
    /// <summary>The request's top Via asked for rport (RFC 3581): the answer was due at its source port.</summary>
    public bool ViaAsksRport { get; init; }
    /// <summary>
    /// For a request nobody answered that came in through a router: the server's unanswered ARP requests (or
    /// neighbour solicitations) for the client's own address on this link — it took the client for a neighbour.
    /// </summary>
    public NeighborLookups.Lookup? ClientLookup { get; init; }
    /// <summary>The first request copy carried credentials: the client had already received a challenge.</summary>
    public bool Authenticated => Transaction.Credentials is not null;

    public bool DifferentHop => !Symmetric || AgainstTopology;

    /// <summary>Every frame of the transaction and the ICMP errors about it.</summary>
    public IEnumerable<FrameRef> Frames()
    {
        foreach (var m in Transaction.Requests) yield return m.Frame;
        foreach (var g in Transaction.Responses)
            foreach (var m in g.Messages) yield return m.Frame;
        foreach (var m in Transaction.Acks) yield return m.Frame;
        foreach (var e in IcmpErrors) yield return e.Frame;
        if (ClientLookup is { } lookup) foreach (var f in lookup.Frames) yield return f;
    }
}
