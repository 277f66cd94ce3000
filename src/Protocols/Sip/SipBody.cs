using System.Text;

namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>Finds the SDP in a message body: the body itself (application/sdp) or a part of a multipart body.</summary>
internal static class SipBody
{
    private const int MaxDepth = 3;
    private const int MaxBoundaryLength = 70; // RFC 2046 §5.1.1

    public static bool TryFindSdp(ReadOnlySpan<byte> body, string contentType, out ReadOnlySpan<byte> sdp)
    {
        Span<byte> type = stackalloc byte[Math.Min(Encoding.UTF8.GetMaxByteCount(contentType.Length), 1024)];
        int n = Encoding.UTF8.GetBytes(contentType.AsSpan(0, Math.Min(contentType.Length, 256)), type);
        return TryFind(body, type[..n], 0, out sdp);
    }

    private static bool TryFind(ReadOnlySpan<byte> body, scoped ReadOnlySpan<byte> contentType, int depth, out ReadOnlySpan<byte> sdp)
    {
        sdp = default;
        int semi = contentType.IndexOf((byte)';');
        var mediaType = SipText.Trim(semi < 0 ? contentType : contentType[..semi]);
        if (Ascii.EqualsIgnoreCase(mediaType, "application/sdp"u8))
        {
            sdp = body;
            return true;
        }
        if (depth >= MaxDepth || !IsMultipart(mediaType)) return false;
        if (semi < 0 || !SipParameters.TryGet(contentType[semi..], "boundary"u8, out var boundary)) return false;
        boundary = SipText.StripQuotes(boundary);
        if (boundary.IsEmpty || boundary.Length > MaxBoundaryLength) return false;
        return TryFindInParts(body, boundary, depth, out sdp);
    }

    private static bool TryFindInParts(ReadOnlySpan<byte> body, scoped ReadOnlySpan<byte> boundary, int depth, out ReadOnlySpan<byte> sdp)
    {
        sdp = default;
        Span<byte> delimiter = stackalloc byte[boundary.Length + 2];
        "--"u8.CopyTo(delimiter);
        boundary.CopyTo(delimiter[2..]);
        int at = body.IndexOf(delimiter);
        while (at >= 0)
        {
            var afterDelimiter = body[(at + delimiter.Length)..];
            if (afterDelimiter.StartsWith("--"u8)) return false; // closing delimiter
            int lineEnd = afterDelimiter.IndexOf((byte)'\n');
            if (lineEnd < 0) return false;
            var part = afterDelimiter[(lineEnd + 1)..];
            int next = part.IndexOf(delimiter);
            var content = next < 0 ? part : part[..next];
            if (TryReadPart(TrimFinalLineEnd(content), depth, out sdp)) return true;
            if (next < 0) return false;
            body = part;
            at = next;
        }
        return false;
    }

    /// <summary>One body part: its own headers, an empty line, its content.</summary>
    private static bool TryReadPart(ReadOnlySpan<byte> part, int depth, out ReadOnlySpan<byte> sdp)
    {
        sdp = default;
        int headerEnd = part.StartsWith("\r\n"u8) ? 2 : part.StartsWith("\n"u8) ? 1 : SipFraming.FindHeaderEnd(part);
        if (headerEnd < 0) return false;
        var headers = new SipHeaderReader(part[..headerEnd]);
        while (headers.MoveNext())
        {
            if (!headers.IsMalformed && SipHeaderNames.Lookup(headers.Name) == SipHeader.ContentType)
                return TryFind(part[headerEnd..], SipText.Trim(headers.Value), depth + 1, out sdp);
        }
        return false;
    }

    private static bool IsMultipart(ReadOnlySpan<byte> mediaType) =>
        mediaType.Length > 10 && Ascii.EqualsIgnoreCase(mediaType[..10], "multipart/"u8);

    /// <summary>The CRLF before a delimiter belongs to the delimiter (RFC 2046).</summary>
    private static ReadOnlySpan<byte> TrimFinalLineEnd(ReadOnlySpan<byte> s)
    {
        if (s.EndsWith("\r\n"u8)) return s[..^2];
        return s.EndsWith("\n"u8) ? s[..^1] : s;
    }
}
