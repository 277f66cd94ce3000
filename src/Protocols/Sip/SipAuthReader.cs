using System.Text;

namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// Reads WWW-/Proxy-Authenticate challenges and (Proxy-)Authorization credentials:
/// "Digest realm="…", nonce="…", qop="auth,auth-int"" — commas inside quoted values do not split. A header
/// holding several challenges ("Digest …, Basic realm=…") yields one per scheme.
/// </summary>
internal static class SipAuthReader
{
    public static void ReadChallenges(ReadOnlySpan<byte> value, bool proxy, List<SipChallenge> into)
    {
        SipChallenge? current = null;
        var items = new SipValueList(value, skipAngles: false);
        while (items.MoveNext())
        {
            var param = items.Current;
            if (current is null || StartsNewScheme(param, out _))
            {
                StartsNewScheme(param, out var scheme);
                current = new SipChallenge { IsProxy = proxy, Scheme = SipText.ToText(scheme) };
                into.Add(current);
                param = SipText.Trim(param[scheme.Length..]);
            }
            if (!Split(param, out var name, out var v)) continue;
            if (Is(name, "realm"u8)) current.Realm = SipText.Unquote(v);
            else if (Is(name, "nonce"u8)) current.Nonce = SipText.Unquote(v);
            else if (Is(name, "opaque"u8)) current.Opaque = SipText.Unquote(v);
            else if (Is(name, "stale"u8)) current.Stale = Ascii.EqualsIgnoreCase(SipText.StripQuotes(v), "true"u8);
            else if (Is(name, "qop"u8)) current.Qop = SipText.Unquote(v);
            else if (Is(name, "algorithm"u8)) current.Algorithm = SipText.Unquote(v);
        }
    }

    public static SipCredentials ReadCredentials(ReadOnlySpan<byte> value, bool proxy)
    {
        value = SipText.Trim(value);
        StartsNewScheme(value, out var scheme);
        var credentials = new SipCredentials { IsProxy = proxy, Scheme = SipText.ToText(scheme) };
        var items = new SipValueList(value[scheme.Length..], skipAngles: false);
        while (items.MoveNext())
        {
            if (!Split(items.Current, out var name, out var v)) continue;
            if (Is(name, "username"u8)) credentials.Username = SipText.Unquote(v);
            else if (Is(name, "realm"u8)) credentials.Realm = SipText.Unquote(v);
            else if (Is(name, "nonce"u8)) credentials.Nonce = SipText.Unquote(v);
            else if (Is(name, "uri"u8)) credentials.Uri = SipText.Unquote(v);
            else if (Is(name, "response"u8)) credentials.Response = SipText.Unquote(v);
            else if (Is(name, "algorithm"u8)) credentials.Algorithm = SipText.Unquote(v);
            else if (Is(name, "qop"u8)) credentials.Qop = SipText.Unquote(v);
            else if (Is(name, "nc"u8)) credentials.NonceCount = SipText.Unquote(v);
            else if (Is(name, "cnonce"u8)) credentials.CNonce = SipText.Unquote(v);
            else if (Is(name, "opaque"u8)) credentials.Opaque = SipText.Unquote(v);
        }
        return credentials;
    }

    /// <summary>
    /// True when the item begins with a scheme token followed by white space ("Digest realm=…"), as opposed
    /// to a bare "name=value" parameter. <paramref name="scheme"/> is that token (or empty).
    /// </summary>
    private static bool StartsNewScheme(ReadOnlySpan<byte> item, out ReadOnlySpan<byte> scheme)
    {
        int i = 0;
        while (i < item.Length && SipText.IsTokenChar(item[i])) i++;
        bool isScheme = i > 0 && (i == item.Length || SipText.IsLws(item[i]));
        if (isScheme)
        {
            // "name = value" with spaces around '=' is a parameter, not a scheme.
            var rest = SipText.Trim(item[i..]);
            isScheme = rest.IsEmpty || rest[0] != (byte)'=';
        }
        scheme = isScheme ? item[..i] : default;
        return isScheme;
    }

    private static bool Split(ReadOnlySpan<byte> param, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        int eq = param.IndexOf((byte)'=');
        name = eq < 0 ? default : SipText.Trim(param[..eq]);
        value = eq < 0 ? default : SipText.Trim(param[(eq + 1)..]);
        return eq > 0;
    }

    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lower) => Ascii.EqualsIgnoreCase(name, lower);
}
