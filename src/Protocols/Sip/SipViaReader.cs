using System.Text;

namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>Reads one Via value: "SIP / 2.0 / UDP host[:port] *(;param)" (LWS allowed around the slashes).</summary>
internal static class SipViaReader
{
    /// <summary>
    /// Null when the value has no protocol/transport or no sent-by. <paramref name="cache"/>: the thread's string cache
    /// as the parser read it for the message (<see cref="SipText.ThreadCache"/> when null).
    /// </summary>
    public static SipVia? Read(ReadOnlySpan<byte> value, SipText.StringCache? cache)
    {
        int semi = SipText.IndexOfUnquoted(value, (byte)';', skipAngles: false);
        var head = semi < 0 ? value : value[..semi];
        var parameters = semi < 0 ? default : value[semi..];

        int slash1 = head.IndexOf((byte)'/');
        if (slash1 < 0) return null;
        int slash2 = head[(slash1 + 1)..].IndexOf((byte)'/');
        if (slash2 < 0) return null;
        var afterVersion = SipText.Trim(head[(slash1 + slash2 + 2)..]);
        int transportEnd = SipText.IndexOfLws(afterVersion);
        var transport = afterVersion[..transportEnd];
        var sentBy = SipText.Trim(afterVersion[transportEnd..]);
        if (transport.IsEmpty || sentBy.IsEmpty) return null;

        ReadSentBy(sentBy, out var host, out int? port);
        var via = new SipVia
        {
            Transport = TransportText(transport, cache),
            Host = SipText.ToText(host, cache),
            Port = port,
        };
        ReadParameters(parameters, via, cache);
        return via;
    }

    // One walk over the parameters for the three the analysis keeps; the first of each name counts (a value,
    // even an empty one, is never null, so a null field is one not found yet).
    private static void ReadParameters(ReadOnlySpan<byte> parameters, SipVia via, SipText.StringCache? cache)
    {
        var items = new SipParameterReader(parameters);
        while (items.MoveNext())
        {
            var name = items.Name;
            if (via.Branch is null && Ascii.EqualsIgnoreCase(name, "branch"u8)) via.Branch = SipText.Unquote(items.Value, cache);
            else if (via.Received is null && Ascii.EqualsIgnoreCase(name, "received"u8)) via.Received = SipText.Unquote(items.Value, cache);
            else if (!via.HasRport && Ascii.EqualsIgnoreCase(name, "rport"u8))
            {
                via.HasRport = true;
                via.Rport = SipText.TryParseInt(items.Value, out int n) ? n : null;
            }
        }
    }

    // The transports there are, upper case, without making a string of the token and another of its upper case.
    private static string TransportText(ReadOnlySpan<byte> token, SipText.StringCache? cache) => token.Length switch
    {
        3 when Ascii.EqualsIgnoreCase(token, "UDP"u8) => "UDP",
        3 when Ascii.EqualsIgnoreCase(token, "TCP"u8) => "TCP",
        3 when Ascii.EqualsIgnoreCase(token, "TLS"u8) => "TLS",
        _ => SipText.ToText(token, cache).ToUpperInvariant(),
    };

    /// <summary>host, [IPv6] or host:port; a bare IPv6 address without brackets is kept whole as the host.</summary>
    private static void ReadSentBy(ReadOnlySpan<byte> sentBy, out ReadOnlySpan<byte> host, out int? port)
    {
        // A comment "(…)" or stray text after white space is not part of sent-by.
        sentBy = sentBy[..SipText.IndexOfLws(sentBy)];
        port = null;
        int colon;
        if (sentBy.Length > 0 && sentBy[0] == (byte)'[')
        {
            int close = sentBy.IndexOf((byte)']');
            host = close < 0 ? sentBy : sentBy[..(close + 1)];
            colon = close < 0 ? -1 : sentBy[(close + 1)..].IndexOf((byte)':') is int c and >= 0 ? close + 1 + c : -1;
        }
        else
        {
            colon = sentBy.IndexOf((byte)':');
            if (colon >= 0 && sentBy[(colon + 1)..].IndexOf((byte)':') >= 0) colon = -1;
            host = colon < 0 ? sentBy : sentBy[..colon];
        }
        if (colon >= 0 && SipText.TryParseInt(sentBy[(colon + 1)..], out int p) && p <= 65535) port = p;
    }
}
