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
        int from = scanned;
        while (true)
        {
            int lf = message[from..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                scanned = message.Length;
                return -1;
            }
            int next = from + lf + 1;
            if (next < message.Length && message[next] == (byte)'\n') return next + 1;
            if (next + 1 < message.Length && message[next] == (byte)'\r' && message[next + 1] == (byte)'\n') return next + 2;
            if (next + 1 >= message.Length)
            {
                // This line end may still turn out to end the header section: look at it again next time.
                scanned = from + lf;
                return -1;
            }
            from = next;
        }
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
