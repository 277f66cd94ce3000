namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// What the first bytes of a SIP message say about it when the rest never came: the start line, Call-ID and
/// CSeq, read from the complete header lines among them. The first IP fragment of a large message holds these
/// (they come first in every stack's messages), so a message whose other fragments were dropped can still be
/// named: "the INVITE of Call-ID … (CSeq 1)".
/// </summary>
public sealed class SipHead
{
    /// <summary>Characters of the start line kept: a request line is its method and URI, and a URI can be long.</summary>
    public const int MaxStartLineChars = 160;

    /// <summary>The request line or the status line, at most <see cref="MaxStartLineChars"/> characters.</summary>
    public required string StartLine { get; init; }
    /// <summary>The request's method; null for a response.</summary>
    public string? Method { get; init; }
    /// <summary>The status code of a response; 0 for a request.</summary>
    public int StatusCode { get; init; }
    public string? CallId { get; init; }
    /// <summary>The CSeq number; -1 when the bytes do not hold a readable CSeq header.</summary>
    public long CSeq { get; init; } = -1;
    public string? CSeqMethod { get; init; }

    /// <summary>True for a request.</summary>
    public bool IsRequest => Method is not null;

    /// <summary>
    /// Reads the head of a message from <paramref name="bytes"/>, its first bytes (possibly cut anywhere); null when
    /// they do not start with a complete SIP start line. A header line cut off at the end is left out.
    /// </summary>
    public static SipHead? TryRead(ReadOnlySpan<byte> bytes)
    {
        var start = SipStartLine.Read(bytes);
        if (start.Kind is not (SipStartLineKind.Request or SipStartLineKind.Status)) return null;
        string? method = start.Kind == SipStartLineKind.Request ? SipText.ToText(start.Method) : null;
        var line = SipText.Trim(bytes[..start.Length]);
        string startLine = SipText.ToText(line);
        if (startLine.Length > MaxStartLineChars) startLine = startLine[..MaxStartLineChars];

        // Only whole lines: the header cut by the end of the bytes may have lost the end of its value.
        var rest = bytes[start.Length..];
        int lastLf = rest.LastIndexOf((byte)'\n');
        rest = lastLf < 0 ? default : rest[..lastLf];
        string? callId = null, cseqMethod = null;
        long cseq = -1;
        var headers = new SipHeaderReader(rest);
        while (headers.MoveNext())
        {
            if (headers.IsMalformed)
            {
                if (SipText.Trim(headers.Value).IsEmpty) break; // the empty line: the headers end here
                continue;
            }
            switch (SipHeaderNames.Lookup(headers.Name))
            {
                case SipHeader.CallId when callId is null:
                    var id = SipText.Trim(headers.Value);
                    if (!id.IsEmpty) callId = SipText.ToText(id);
                    break;
                case SipHeader.CSeq when cseq < 0 && SipParser.TrySplitCSeq(headers.Value, out long number, out var name):
                    cseq = number;
                    cseqMethod = SipText.ToText(name);
                    break;
            }
        }
        return new SipHead
        {
            StartLine = startLine,
            Method = method,
            StatusCode = start.Kind == SipStartLineKind.Status ? start.StatusCode : 0,
            CallId = callId,
            CSeq = cseq,
            CSeqMethod = cseqMethod,
        };
    }
}
