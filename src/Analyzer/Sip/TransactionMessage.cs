using System.Text.Json.Serialization;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// One copy of a request or response as seen at the capture point: the packet facts the path analysis reads
/// (next-hop MACs, VLAN, TTL, IP id, time) and the few SIP fields that matter per copy.
/// </summary>
public sealed class TransactionMessage
{
    /// <summary>The packet the message arrived in (or was completed in, for TCP).</summary>
    [JsonIgnore]
    public PacketMeta Meta;

    public FrameRef Frame => Meta.FrameRef;
    public long TimestampNs => Meta.TimestampNs;
    /// <summary>Status code of a response, 0 for a request.</summary>
    public int Status { get; init; }
    /// <summary>True for a copy of an earlier message of the transaction (request retransmission, identical response).</summary>
    public bool IsRetransmission { get; init; }
    /// <summary>Bytes of the SIP message (headers and body).</summary>
    public int Length { get; init; }
    public string Source => Meta.Source;
    public string Destination => Meta.Destination;
    public string SourceMac => Meta.SourceMac.ToString();
    public string DestinationMac => Meta.DestinationMac.ToString();
    public ushort Vlan => Meta.Vlan;
    public byte Ttl => Meta.Ttl;
    public ushort IpId => Meta.IpId;

    /// <summary>To tag of a response (the server's dialog tag).</summary>
    public string? ToTag { get; init; }
    /// <summary>WWW-/Proxy-Authenticate of a 401/407 (realm, nonce, stale…).</summary>
    public SipChallenge? Challenge { get; init; }
    /// <summary>Authorization / Proxy-Authorization of a request.</summary>
    public SipCredentials? Credentials { get; init; }
    /// <summary>Contacts (with ;expires) of a REGISTER or its 2xx; null when none.</summary>
    public IReadOnlyList<SipContact>? Contacts
    {
        get => _contacts switch { null => null, SipContact only => [only], var list => (IReadOnlyList<SipContact>)list };
        init => _contacts = value;
    }

    // The one Contact of most messages is held as itself, a list only for several: a flood's live transactions
    // each keep a copy of their request, and a list with its array were two more objects for the collector to copy.
    private object? _contacts;

    /// <summary>The one Contact, or the list of several, as held (reading them must not make a list).</summary>
    internal SipContact? OnlyContact => _contacts as SipContact;
    internal IReadOnlyList<SipContact>? SeveralContacts => _contacts as IReadOnlyList<SipContact>;
    /// <summary>Contact: * (remove all bindings).</summary>
    public bool ContactWildcard { get; init; }
    /// <summary>Expires header, null when absent.</summary>
    public int? Expires { get => _expires == NoExpires ? null : _expires; init => _expires = value ?? NoExpires; }

    // A plain int with a "none" value (the parser reads none below zero): a nullable takes twice the room in
    // each copy kept, and every live transaction keeps its request's.
    private const int NoExpires = int.MinValue;
    private readonly int _expires = NoExpires;

    /// <summary>Hash of the SIP message bytes (<see cref="SipMessage.PayloadHash"/>), to recognise the same message at another capture point.</summary>
    [JsonIgnore]
    public ulong PayloadHash { get; init; }
    /// <summary>The top Via, compared between capture points (a SIP ALG rewrites its sent-by).</summary>
    [JsonIgnore]
    public SipVia? TopVia { get; init; }
    /// <summary>The SDP body, compared between capture points (a SIP ALG rewrites c=, o= and m=).</summary>
    [JsonIgnore]
    public Protocols.Sdp.SdpSession? Sdp { get; init; }
    /// <summary>CSeq method (the method a response answers).</summary>
    [JsonIgnore]
    public string? CSeqMethod { get; init; }

    internal static TransactionMessage From(in PacketMeta meta, SipMessage message, bool retransmission) => new()
    {
        Meta = meta,
        Status = message.IsRequest ? 0 : message.StatusCode,
        IsRetransmission = retransmission,
        Length = message.Length,
        ToTag = message.IsRequest ? null : message.ToTag,
        Challenge = message.FirstChallenge,
        Credentials = message.FirstCredentials,
        _contacts = (object?)message.SingleContact ?? (message.ContactCount > 0 ? message.Contacts : null),
        ContactWildcard = message.ContactWildcard,
        Expires = message.Expires,
        PayloadHash = message.PayloadHash,
        TopVia = message.TopVia,
        Sdp = message.Sdp,
        CSeqMethod = message.CSeqMethod,
    };
}
