using System.Text;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// Parses one SIP message from its bytes: a zero-copy scan over spans (start line, header lines, body
/// bounds), then the kept fields are materialised as strings, once per message.
/// </summary>
public static class SipParser
{
    /// <summary>
    /// Contacts kept per message; more are counted (<see cref="SipMessage.ContactsNotParsed"/>). A phone binds
    /// one or two, a registrar's 200 lists every binding of the AOR (a handful of devices); each kept Contact
    /// stays with every copy of the message, so thousands in one REGISTER would multiply memory.
    /// </summary>
    public const int MaxContacts = 32;

    /// <summary>
    /// Parses the message in <paramref name="data"/> (exactly one message, as framed from UDP or TCP).
    /// Returns false for bytes that are not a SIP message; never throws on bad input: oddities in a SIP
    /// message are listed in <see cref="SipMessage.Anomalies"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SipMessage? message) => Parse(data, null, copyBody: true, out message);

    /// <summary>
    /// As <see cref="TryParse(ReadOnlySpan{byte}, out SipMessage?)"/> for an analysis, which reads what the parser
    /// made of the body (the SDP) and never its bytes: those are not copied (<see cref="SipMessage.Body"/> stays
    /// empty). Fills <paramref name="into"/> (an empty message: new or cleared) instead of a new one when given; it
    /// is left as it was when false is returned.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, SipMessage? into, out SipMessage? message) =>
        Parse(data, into, copyBody: false, out message);

    private static bool Parse(ReadOnlySpan<byte> data, SipMessage? into, bool copyBody, out SipMessage? message)
    {
        message = null;
        // RFC 3261 §7.5: CRLFs before the start line are ignored.
        int lead = 0;
        while (lead < data.Length && data[lead] is (byte)'\r' or (byte)'\n') lead++;
        data = data[lead..];
        var start = SipStartLine.Read(data);
        if (start.Kind is not (SipStartLineKind.Request or SipStartLineKind.Status)) return false;

        var m = into ?? new SipMessage();
        // The thread's string cache, read once for the message's values instead of once per value.
        var cache = SipText.ThreadCache;
        m.IsRequest = start.Kind == SipStartLineKind.Request;
        if (m.IsRequest)
        {
            m.Method = SipText.ToText(start.Method, cache);
            m.RequestUri = SipText.ToText(start.Uri, cache);
        }
        else
        {
            m.StatusCode = start.StatusCode;
            m.ReasonPhrase = SipText.ToText(start.Reason, cache);
        }

        var headers = SipHeaderReader.ToEmptyLine(data[start.Length..]);
        ReadHeaders(ref headers, m, cache);
        int headerEnd = headers.SectionEnd < 0 ? data.Length : start.Length + headers.SectionEnd;
        // Listed before what the header lines gave, as when it was known before reading them.
        if (headers.SectionEnd < 0) m.Anomalies.Insert(0, SipAnomaly.HeadersUnterminated);
        int bodyLength = ReadBody(data[headerEnd..], m, copyBody);
        m.Length = headerEnd + bodyLength;
        message = m;
        return true;
    }

    private static void ReadHeaders(ref SipHeaderReader headers, SipMessage m, SipText.StringCache cache)
    {
        while (headers.MoveNext())
        {
            if (headers.IsMalformed)
            {
                m.Anomalies.Add(SipAnomaly.MalformedHeader);
                continue;
            }
            ReadHeader(SipHeaderNames.Lookup(headers.Name), headers.Value, m, cache);
        }
    }

    private static void ReadHeader(SipHeader header, ReadOnlySpan<byte> value, SipMessage m, SipText.StringCache cache)
    {
        switch (header)
        {
            case SipHeader.Via: ReadVias(value, m, cache); break;
            case SipHeader.From: ReadFrom(value, m, cache); break;
            case SipHeader.To: ReadTo(value, m, cache); break;
            case SipHeader.CallId: m.CallId = Single(m.CallId, m) ?? SipText.ToText(value, cache); break;
            case SipHeader.CSeq: ReadCSeq(value, m, cache); break;
            case SipHeader.Contact: ReadContacts(value, m, cache); break;
            case SipHeader.Expires: m.Expires = Single(m.Expires, m) ?? Number(value, m); break;
            case SipHeader.WwwAuthenticate: SipAuthReader.ReadChallenges(value, proxy: false, m.Challenges); break;
            case SipHeader.ProxyAuthenticate: SipAuthReader.ReadChallenges(value, proxy: true, m.Challenges); break;
            case SipHeader.Authorization: m.Credentials.Add(SipAuthReader.ReadCredentials(value, proxy: false)); break;
            case SipHeader.ProxyAuthorization: m.Credentials.Add(SipAuthReader.ReadCredentials(value, proxy: true)); break;
            case SipHeader.UserAgent: m.UserAgent = Single(m.UserAgent, m) ?? SipText.ToText(value, cache); break;
            case SipHeader.Server: m.Server = Single(m.Server, m) ?? SipText.ToText(value, cache); break;
            case SipHeader.ContentType: m.ContentType = Single(m.ContentType, m) ?? SipText.ToText(value, cache); break;
            case SipHeader.ContentLength: ReadContentLength(value, m); break;
            case SipHeader.MaxForwards: m.MaxForwards = Single(m.MaxForwards, m) ?? Number(value, m); break;
        }
    }

    private static void ReadFrom(ReadOnlySpan<byte> value, SipMessage m, SipText.StringCache cache)
    {
        if (Single(m.FromUri, m) is not null) return;
        SipNameAddressReader.ReadWithTag(value, cache, out var display, out var uri, out var tag);
        (m.FromDisplayName, m.FromUri, m.FromTag) = (display, uri, tag);
    }

    private static void ReadTo(ReadOnlySpan<byte> value, SipMessage m, SipText.StringCache cache)
    {
        if (Single(m.ToUri, m) is not null) return;
        SipNameAddressReader.ReadWithTag(value, cache, out var display, out var uri, out var tag);
        (m.ToDisplayName, m.ToUri, m.ToTag) = (display, uri, tag);
    }

    /// <summary>Returns the value already set (and records the repeat), or null so the caller reads this one.</summary>
    private static T? Single<T>(T? existing, SipMessage m) where T : class
    {
        if (existing is not null) m.Anomalies.Add(SipAnomaly.DuplicateHeader);
        return existing;
    }

    private static int? Single(int? existing, SipMessage m)
    {
        if (existing is not null) m.Anomalies.Add(SipAnomaly.DuplicateHeader);
        return existing;
    }

    private static int? Number(ReadOnlySpan<byte> value, SipMessage m)
    {
        if (SipText.TryParseInt(value, out int n)) return n;
        m.Anomalies.Add(SipAnomaly.BadNumber);
        return null;
    }

    private static void ReadVias(ReadOnlySpan<byte> value, SipMessage m, SipText.StringCache cache)
    {
        var items = new SipValueList(value, skipAngles: false);
        while (items.MoveNext())
        {
            var via = ReadVia(items.Current, cache);
            if (via is null) m.Anomalies.Add(SipAnomaly.BadVia);
            else m.AddVia(via);
        }
    }

    // A response's Via is its request's, byte for byte: the same (never changed) SipVia for both.
    private static SipVia? ReadVia(ReadOnlySpan<byte> value, SipText.StringCache cache)
    {
        if (cache.Vias.TryFind(value, out var slot, out var known)) return known;
        var via = SipViaReader.Read(value, cache);
        cache.Vias.Store(slot, value, via);
        return via;
    }

    private static void ReadContacts(ReadOnlySpan<byte> value, SipMessage m, SipText.StringCache cache)
    {
        var trimmed = SipText.Trim(value);
        if (trimmed.Length == 1 && trimmed[0] == (byte)'*')
        {
            m.ContactWildcard = true;
            return;
        }
        var items = new SipValueList(trimmed, skipAngles: true);
        while (items.MoveNext())
        {
            if (m.ContactCount < MaxContacts) m.AddContact(SipNameAddressReader.ReadContact(items.Current, cache));
            else if (m.ContactsNotParsed++ == 0) m.Anomalies.Add(SipAnomaly.TooManyContacts);
        }
    }

    /// <summary>"CSeq: 4711 INVITE" — a number, white space, a method token.</summary>
    private static void ReadCSeq(ReadOnlySpan<byte> value, SipMessage m, SipText.StringCache cache)
    {
        if (m.CSeqMethod is not null || m.CSeq >= 0)
        {
            m.Anomalies.Add(SipAnomaly.DuplicateHeader);
            return;
        }
        if (!TrySplitCSeq(value, out long number, out var method))
        {
            m.Anomalies.Add(SipAnomaly.BadCSeq);
            if (!method.IsEmpty) m.CSeqMethod = SipText.ToText(method, cache);
            return;
        }
        m.CSeq = number;
        m.CSeqMethod = SipText.ToText(method, cache);
    }

    /// <summary>A CSeq value's number and method; false when either is missing or the number does not parse.</summary>
    internal static bool TrySplitCSeq(ReadOnlySpan<byte> value, out long number, out ReadOnlySpan<byte> method)
    {
        value = SipText.Trim(value);
        int gap = SipText.IndexOfLws(value);
        method = SipText.Trim(value[gap..]);
        return SipText.TryParseLong(value[..gap], out number) && !method.IsEmpty;
    }

    private static void ReadContentLength(ReadOnlySpan<byte> value, SipMessage m)
    {
        if (m.ContentLength is not null)
        {
            m.Anomalies.Add(SipAnomaly.DuplicateHeader);
            return;
        }
        if (SipText.TryParseInt(value, out int n)) m.ContentLength = n;
        else m.Anomalies.Add(SipAnomaly.BadContentLength);
    }

    /// <summary>Takes the body by Content-Length (or to the end when absent) and parses SDP in it; returns its length.</summary>
    private static int ReadBody(ReadOnlySpan<byte> rest, SipMessage m, bool copyBody)
    {
        var body = rest;
        if (m.ContentLength is int declared)
        {
            if (declared > rest.Length) m.Anomalies.Add(SipAnomaly.ContentLengthMismatch);
            else body = rest[..declared];
        }
        if (body.IsEmpty) return 0;
        if (copyBody) m.Body = body.ToArray();
        if (m.ContentType is { } contentType && SipBody.TryFindSdp(body, contentType, out var sdpBytes))
        {
            if (SdpParser.TryParse(sdpBytes, out var sdp)) m.Sdp = sdp;
            else m.Anomalies.Add(SipAnomaly.BadSdp);
            if (sdp?.MediaNotParsed > 0) m.Anomalies.Add(SipAnomaly.TooManyMediaLines);
        }
        return body.Length;
    }
}
