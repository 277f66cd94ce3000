namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>The headers the parser keeps; everything else is <see cref="Other"/>.</summary>
internal enum SipHeader
{
    Other,
    Via,
    From,
    To,
    CallId,
    CSeq,
    Contact,
    Expires,
    WwwAuthenticate,
    ProxyAuthenticate,
    Authorization,
    ProxyAuthorization,
    UserAgent,
    Server,
    ContentType,
    ContentLength,
    MaxForwards,
}
