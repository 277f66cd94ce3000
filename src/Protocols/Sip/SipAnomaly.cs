namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>The names of the oddities <see cref="SipParser"/> records in <see cref="SipMessage.Anomalies"/>.</summary>
public static class SipAnomaly
{
    /// <summary>Content-Length larger than the bytes there are: the body is cut to what is present.</summary>
    public const string ContentLengthMismatch = "content-length-mismatch";
    /// <summary>Content-Length that is not a non-negative number: the body runs to the end of the data.</summary>
    public const string BadContentLength = "bad-content-length";
    /// <summary>No empty line after the headers: the message was cut inside its header section.</summary>
    public const string HeadersUnterminated = "headers-unterminated";
    /// <summary>A header line without a colon or with an impossible name.</summary>
    public const string MalformedHeader = "malformed-header";
    /// <summary>A single-valued header (Call-ID, CSeq, From, To, …) appears again; the first one is kept.</summary>
    public const string DuplicateHeader = "duplicate-header";
    public const string BadVia = "bad-via";
    public const string BadCSeq = "bad-cseq";
    public const string BadNumber = "bad-number";
    /// <summary>The body is declared as SDP but is not SDP.</summary>
    public const string BadSdp = "bad-sdp";
    /// <summary>More Contacts than <see cref="SipParser.MaxContacts"/>: the first ones are kept, the rest counted.</summary>
    public const string TooManyContacts = "too-many-contacts";
    /// <summary>More m= sections than <see cref="Sdp.SdpParser.MaxMedia"/>: the first ones are parsed, the rest counted.</summary>
    public const string TooManyMediaLines = "too-many-media-lines";
}
