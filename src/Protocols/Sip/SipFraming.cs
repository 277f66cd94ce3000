namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>Where a SIP message's parts end, for the parser and for framing a TCP byte stream.</summary>
public static class SipFraming
{
    /// <summary>
    /// Length of the header section including the empty line that ends it (CRLF CRLF, or LF LF from lax
    /// senders), measured from the start of <paramref name="message"/>; -1 when the empty line is not there yet.
    /// </summary>
    public static int FindHeaderEnd(ReadOnlySpan<byte> message)
    {
        int scanned = 0;
        return FindHeaderEnd(message, ref scanned);
    }

    /// <summary>
    /// <see cref="FindHeaderEnd(ReadOnlySpan{byte})"/> for a message that grows by appending: the search starts
    /// at <paramref name="scanned"/> (0 for a new message) and, when the end is not there yet, leaves in it where
    /// the next search, over the longer message, must start. Each byte is then searched once however thinly the
    /// header section arrives, where searching from the start each time is quadratic.
    /// </summary>
    public static int FindHeaderEnd(ReadOnlySpan<byte> message, ref int scanned)
    {
        // The section ends at the first LF followed by LF or by CRLF. Two searches for those patterns, each over
        // the whole section at once, instead of one search per line: a message's dozen lines were a dozen calls.
        int from = Math.Min(scanned, message.Length);
        var rest = message[from..];
        int crlf = rest.IndexOf("\n\r\n"u8);
        int lf = (crlf < 0 ? rest : rest[..(crlf + 1)]).IndexOf("\n\n"u8);
        if (lf >= 0) return from + lf + 2;
        if (crlf >= 0) return from + crlf + 3;
        // An end not found yet can only start at a LF in the last two bytes (one followed by nothing, or by a CR
        // alone): the next search starts there, or after every byte seen.
        int resume = message.Length;
        if (message.Length >= 1 && message[^1] == (byte)'\n') resume = message.Length - 1;
        else if (message.Length >= 2 && message[^2] == (byte)'\n' && message[^1] == (byte)'\r') resume = message.Length - 2;
        scanned = Math.Max(from, resume);
        return -1;
    }

    /// <summary>
    /// The Content-Length (or compact "l") value among the header lines in <paramref name="headers"/>
    /// (the first one when repeated); false when absent or not a number.
    /// </summary>
    public static bool TryReadContentLength(ReadOnlySpan<byte> headers, out int length)
    {
        var reader = new SipHeaderReader(headers);
        while (reader.MoveNext())
        {
            if (!reader.IsMalformed && SipHeaderNames.Lookup(reader.Name) == SipHeader.ContentLength)
                return SipText.TryParseInt(reader.Value, out length);
        }
        length = 0;
        return false;
    }
}
