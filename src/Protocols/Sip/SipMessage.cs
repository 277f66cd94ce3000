namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// A parsed SIP message with the fields the analysis keeps, as strings. Built by <see cref="SipParser"/>
/// from a zero-copy scan; strings are materialised only here, once per SIP message.
/// </summary>
public sealed class SipMessage
{
    public bool IsRequest { get; set; }
    /// <summary>Request method (upper case as sent), null for responses.</summary>
    public string? Method { get; set; }
    public string? RequestUri { get; set; }
    /// <summary>Status code of a response, 0 for requests.</summary>
    public int StatusCode { get; set; }
    public string? ReasonPhrase { get; set; }

    public string? CallId { get; set; }
    public long CSeq { get; set; } = -1;
    public string? CSeqMethod { get; set; }

    // The lists are made on first use, and held in an object of their own made with the first of them: most
    // messages have one Via and one Contact, and no challenge, credentials or anomaly.
    private SipMessageLists? _lists;
    private SipMessageLists Lists => _lists ??= new SipMessageLists();

    // The only Via and Contact of most messages, until a second one (or a reader of the list) makes the list.
    private SipVia? _onlyVia;
    private SipContact? _onlyContact;

    // Header numbers as plain ints with a "none" value (the parser reads none below zero): a nullable int takes
    // twice the room in each message.
    private const int None = int.MinValue;
    private int _expires = None, _contentLength = None, _maxForwards = None;

    private static int? Optional(int value) => value == None ? null : value;

    /// <summary>Via headers in order, the top one first (repeated headers and comma lists flattened).</summary>
    public List<SipVia> Vias => ListOf(ref Lists.Vias, ref _onlyVia);

    public SipVia? TopVia => _lists?.Vias is not { } vias ? _onlyVia : vias.Count > 0 ? vias[0] : null;

    /// <summary>Adds a Via below those already read (the parser's way, which makes no list for a single one).</summary>
    internal void AddVia(SipVia via)
    {
        if (_lists?.Vias is null && _onlyVia is null) _onlyVia = via;
        else Vias.Add(via);
    }

    /// <summary>From as an object, made when read (see <see cref="FromUri"/> for the parts without one); null when absent.</summary>
    public SipNameAddress? From
    {
        get => FromUri is null ? null : new SipNameAddress { DisplayName = FromDisplayName, Uri = FromUri, Tag = FromTag };
        set => (FromDisplayName, FromUri, FromTag) = (value?.DisplayName, value?.Uri, value?.Tag);
    }

    /// <summary>To as an object, made when read (see <see cref="ToUri"/> for the parts without one); null when absent.</summary>
    public SipNameAddress? To
    {
        get => ToUri is null ? null : new SipNameAddress { DisplayName = ToDisplayName, Uri = ToUri, Tag = ToTag };
        set => (ToDisplayName, ToUri, ToTag) = (value?.DisplayName, value?.Uri, value?.Tag);
    }

    // From and To as their parts, not as objects: the engine reads only URIs and tags, and the two objects were
    // garbage of every message (a flood's messages mostly never reach a report).
    /// <summary>The From URI, null when the message has no From header.</summary>
    public string? FromUri { get; set; }
    public string? FromTag { get; set; }
    public string? FromDisplayName { get; set; }
    /// <summary>The To URI, null when the message has no To header.</summary>
    public string? ToUri { get; set; }
    public string? ToTag { get; set; }
    public string? ToDisplayName { get; set; }

    /// <summary>The Contacts, at most <see cref="SipParser.MaxContacts"/> of them.</summary>
    public List<SipContact> Contacts => ListOf(ref Lists.Contacts, ref _onlyContact);
    /// <summary>Contacts parsed, without making the list.</summary>
    public int ContactCount => _lists?.Contacts?.Count ?? (_onlyContact is null ? 0 : 1);
    /// <summary>The first Contact, null when none (without making the list).</summary>
    public SipContact? FirstContact => _lists?.Contacts is not { } contacts ? _onlyContact : contacts.Count > 0 ? contacts[0] : null;
    /// <summary>The Contact while it is the only one and no reader has made the list; null otherwise.</summary>
    public SipContact? SingleContact => _lists?.Contacts is null ? _onlyContact : null;

    /// <summary>Adds a Contact after those already read (the parser's way, which makes no list for a single one).</summary>
    internal void AddContact(SipContact contact)
    {
        if (_lists?.Contacts is null && _onlyContact is null) _onlyContact = contact;
        else Contacts.Add(contact);
    }

    // A header most messages carry once keeps its value in a field; the list is made for a second value or for
    // a reader of the list, and the value moves into it.
    private static List<T> ListOf<T>(ref List<T>? list, ref T? only) where T : class
    {
        if (list is not null) return list;
        list = only is null ? new(1) : new(2) { only };
        only = null;
        return list;
    }

    /// <summary>Contacts beyond <see cref="SipParser.MaxContacts"/>: counted, not parsed.</summary>
    public int ContactsNotParsed { get; set; }
    /// <summary>"Contact: *" (remove all bindings).</summary>
    public bool ContactWildcard { get; set; }
    /// <summary>Expires header value, null when absent.</summary>
    public int? Expires { get => Optional(_expires); set => _expires = value ?? None; }

    /// <summary>WWW-Authenticate (401) and Proxy-Authenticate (407) challenges.</summary>
    public List<SipChallenge> Challenges => Lists.Challenges ??= new(1);
    /// <summary>The first challenge, null when none (without making the list).</summary>
    public SipChallenge? FirstChallenge => _lists?.Challenges is { Count: > 0 } c ? c[0] : null;
    /// <summary>Authorization and Proxy-Authorization credentials.</summary>
    public List<SipCredentials> Credentials => Lists.Credentials ??= new(1);
    /// <summary>The first credentials, null when none (without making the list).</summary>
    public SipCredentials? FirstCredentials => _lists?.Credentials is { Count: > 0 } c ? c[0] : null;

    public string? UserAgent { get; set; }
    public string? Server { get; set; }
    public string? ContentType { get; set; }
    /// <summary>Content-Length header value, null when absent.</summary>
    public int? ContentLength { get => Optional(_contentLength); set => _contentLength = value ?? None; }
    public int? MaxForwards { get => Optional(_maxForwards); set => _maxForwards = value ?? None; }

    /// <summary>Body bytes (copied), empty when none, and empty when parsed for an analysis, which never reads them.</summary>
    public byte[] Body { get; set; } = [];
    /// <summary>The SDP of an application/sdp body (also the first SDP part of a multipart body).</summary>
    public Sdp.SdpSession? Sdp { get; set; }

    /// <summary>Total bytes of the message (headers + body) as framed.</summary>
    public int Length { get; set; }

    /// <summary>
    /// Hash of the message bytes as framed, set by the analyzer (not the parser): the same message seen at two
    /// capture points has the same hash unless something on the way (a SIP ALG) rewrote it. 0 when not set.
    /// </summary>
    public ulong PayloadHash { get; set; }

    /// <summary>Non-fatal oddities met while parsing (e.g. "content-length-mismatch"), for anomaly counters.</summary>
    public List<string> Anomalies => Lists.Anomalies ??= new(1);
    /// <summary>Oddities recorded, without making the list.</summary>
    public int AnomalyCount => _lists?.Anomalies?.Count ?? 0;

    /// <summary>
    /// Empties the message for the parser to fill again (<see cref="SipParser.TryParse(ReadOnlySpan{byte}, SipMessage?, out SipMessage?)"/>):
    /// a pool of messages hands one to the parser per datagram instead of a new one, and clearing it when it comes
    /// back lets go of what it referred to.
    /// </summary>
    public void Clear()
    {
        IsRequest = false;
        Method = RequestUri = ReasonPhrase = CallId = CSeqMethod = null;
        StatusCode = 0;
        CSeq = -1;
        _lists = null;
        _onlyVia = null;
        _onlyContact = null;
        _expires = _contentLength = _maxForwards = None;
        FromUri = FromTag = FromDisplayName = ToUri = ToTag = ToDisplayName = null;
        ContactsNotParsed = 0;
        ContactWildcard = false;
        UserAgent = Server = ContentType = null;
        Body = [];
        Sdp = null;
        Length = 0;
        PayloadHash = 0;
    }

    public override string ToString() => IsRequest ? $"{Method} {RequestUri}" : $"{StatusCode} {ReasonPhrase}";
}
