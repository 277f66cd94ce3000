using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// The request or status line at the start of some bytes, as spans into them. Reading it is the cheap
/// content check that finds SIP on any port, so it rejects early: a byte that cannot continue a start line
/// ends the check (RTP's 0x80 fails on the first byte, "GET / HTTP/1.1" on its version).
/// </summary>
internal readonly ref struct SipStartLine
{
    /// <summary>A start line longer than this is not SIP (and bounds what a stream keeps while waiting for one).</summary>
    public const int MaxLength = 8192;
    private const int MaxMethodLength = 32;

    public SipStartLineKind Kind { get; init; }
    public ReadOnlySpan<byte> Method { get; init; }
    public ReadOnlySpan<byte> Uri { get; init; }
    public int StatusCode { get; init; }
    public ReadOnlySpan<byte> Reason { get; init; }
    /// <summary>Bytes of the line including its CRLF or LF.</summary>
    public int Length { get; init; }

    private static ReadOnlySpan<byte> Version => "SIP/2.0"u8;

    public static SipStartLine Read(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) return Incomplete;
        return data[0] is (byte)'S' or (byte)'s' && StartsLikeVersion(data) ? ReadStatus(data) : ReadRequest(data);
    }

    private static SipStartLine NotSip => new() { Kind = SipStartLineKind.NotSip };
    private static SipStartLine Incomplete => new() { Kind = SipStartLineKind.Incomplete };

    /// <summary>True when the bytes so far agree with "SIP/2.0" (possibly cut short).</summary>
    private static bool StartsLikeVersion(ReadOnlySpan<byte> data)
    {
        int n = Math.Min(data.Length, Version.Length);
        return Ascii.EqualsIgnoreCase(data[..n], Version[..n]);
    }

    private static SipStartLine ReadStatus(ReadOnlySpan<byte> data)
    {
        // "SIP/2.0 " then three digits then SP (or the line end: some servers omit the reason).
        const int codeAt = 8;
        if (data.Length <= codeAt) return Incomplete;
        if (data[7] != (byte)' ') return NotSip;
        int code = 0;
        for (int i = codeAt; i < codeAt + 3; i++)
        {
            if (i >= data.Length) return Incomplete;
            if (data[i] is < (byte)'0' or > (byte)'9') return NotSip;
            code = code * 10 + (data[i] - '0');
        }
        if (code < 100) return NotSip;
        int after = codeAt + 3;
        if (after >= data.Length) return Incomplete;
        if (data[after] is not ((byte)' ' or (byte)'\r' or (byte)'\n')) return NotSip;
        int lf = FindLineEnd(data, after, out bool complete);
        if (!complete) return lf < 0 ? NotSip : Incomplete;
        var reason = SipText.Trim(data[after..lf]);
        if (HasControlBytes(reason)) return NotSip;
        return new SipStartLine { Kind = SipStartLineKind.Status, StatusCode = code, Reason = reason, Length = lf + 1 };
    }

    // What ends a Request-URI: white space, the other control bytes and DEL. Searched for sixteen bytes at a time,
    // where a loop over each byte of the URI was 1.5 % of a SIP flood's time. Our own loop rather than SearchValues:
    // the published build's precompiled code cannot hold the framework's searcher for a set chosen at run time, so
    // each run used its unoptimised code for its first thousands of start lines (2 % of a short TCP flood).
    private static int IndexOfUriEnd(ReadOnlySpan<byte> s)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated && s.Length >= Vector128<byte>.Count)
        {
            ref byte start = ref MemoryMarshal.GetReference(s);
            int last = s.Length - Vector128<byte>.Count;
            for (; i <= last; i += Vector128<byte>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                var end = Vector128.LessThanOrEqual(v, Vector128.Create((byte)' ')) | Vector128.Equals(v, Vector128.Create((byte)0x7F));
                if (end != Vector128<byte>.Zero) return i + BitOperations.TrailingZeroCount(end.ExtractMostSignificantBits());
            }
        }
        for (; i < s.Length; i++)
        {
            if (s[i] <= (byte)' ' || s[i] == 0x7F) return i;
        }
        return -1;
    }

    private static SipStartLine ReadRequest(ReadOnlySpan<byte> data)
    {
        int i = 0;
        while (i < data.Length && i <= MaxMethodLength && SipText.IsTokenChar(data[i])) i++;
        if (i >= data.Length) return i <= MaxMethodLength ? Incomplete : NotSip;
        if (i == 0 || i > MaxMethodLength || data[i] != (byte)' ') return NotSip;
        var method = data[..i];
        int uriStart = ++i;
        int limit = Math.Min(data.Length, MaxLength);
        int stop = IndexOfUriEnd(data[uriStart..limit]);
        i = stop < 0 ? limit : uriStart + stop;
        if (i >= data.Length) return i < MaxLength ? Incomplete : NotSip;
        if (i == uriStart || data[i] != (byte)' ') return NotSip;
        var uri = data[uriStart..i];
        int versionStart = ++i;
        int n = Math.Min(Version.Length, data.Length - versionStart);
        if (!Ascii.EqualsIgnoreCase(data.Slice(versionStart, n), Version[..n])) return NotSip;
        int end = versionStart + Version.Length;
        if (end >= data.Length) return Incomplete;
        if (data[end] == (byte)'\r')
        {
            if (end + 1 >= data.Length) return Incomplete;
            // A bare CR ends the line too, as Wireshark reads it (seen in fuzzed captures).
            if (data[end + 1] == (byte)'\n') end++;
        }
        else if (data[end] != (byte)'\n')
        {
            return NotSip;
        }
        return new SipStartLine { Kind = SipStartLineKind.Request, Method = method, Uri = uri, Length = end + 1 };
    }

    /// <summary>RFC 3261 Reason-Phrase allows no control characters but HT (Wireshark rejects a NUL there too).</summary>
    private static bool HasControlBytes(ReadOnlySpan<byte> reason)
    {
        foreach (byte b in reason)
        {
            if (b < 0x20 && b != (byte)'\t' || b == 0x7F) return true;
        }
        return false;
    }

    /// <summary>Index of the LF ending the line; complete=false and -1 when the line is over-long, else its prefix is fine.</summary>
    private static int FindLineEnd(ReadOnlySpan<byte> data, int from, out bool complete)
    {
        int limit = Math.Min(data.Length, MaxLength);
        int lf = data[from..limit].IndexOf((byte)'\n');
        complete = lf >= 0;
        if (complete) return from + lf;
        return data.Length >= MaxLength ? -1 : data.Length;
    }
}
