namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// Reads a From/To/Contact value: either name-addr, [display-name] &lt;URI&gt; *(;param), where the display
/// name is a quoted string or tokens, or addr-spec, a bare URI whose ';' parameters belong to the header
/// (RFC 3261 §20.10).
/// </summary>
internal static class SipNameAddressReader
{
    public static void Read(ReadOnlySpan<byte> value, SipText.StringCache? cache, out string? displayName, out string uri, out ReadOnlySpan<byte> parameters)
    {
        value = SipText.Trim(value);
        int open = SipText.IndexOfUnquoted(value, (byte)'<', skipAngles: false);
        if (open >= 0)
        {
            var display = SipText.Trim(value[..open]);
            int close = value[open..].IndexOf((byte)'>');
            var uriBytes = close < 0 ? value[(open + 1)..] : value[(open + 1)..(open + close)];
            var after = close < 0 ? default : value[(open + close + 1)..];
            displayName = display.IsEmpty ? null : SipText.Unquote(display, cache);
            uri = SipText.ToText(uriBytes, cache);
            int semi = after.IndexOf((byte)';');
            parameters = semi < 0 ? default : after[semi..];
            return;
        }
        displayName = null;
        int end = SipText.IndexOfUnquoted(value, (byte)';', skipAngles: false);
        if (end < 0) end = value.Length;
        int lws = SipText.IndexOfLws(value[..end]);
        uri = SipText.ToText(value[..lws], cache);
        parameters = end < value.Length ? value[end..] : default;
    }

    /// <summary>A From or To value: its display name, URI and tag.</summary>
    public static void ReadWithTag(ReadOnlySpan<byte> value, SipText.StringCache? cache, out string? displayName, out string uri, out string? tag)
    {
        var memo = (cache ??= SipText.ThreadCache).NameAddresses;
        if (memo.TryFind(value, out var slot, out var known))
        {
            (displayName, uri, tag) = known;
            return;
        }
        Read(value, cache, out displayName, out uri, out ReadOnlySpan<byte> parameters);
        tag = SipParameters.GetText(parameters, "tag"u8, cache);
        memo.Store(slot, value, new SipNameAddressText(displayName, uri, tag));
    }

    /// <summary>A Contact value; the same (never changed) object for the same bytes while the thread's memo keeps them.</summary>
    public static SipContact ReadContact(ReadOnlySpan<byte> value, SipText.StringCache? cache)
    {
        var memo = (cache ??= SipText.ThreadCache).Contacts;
        if (memo.TryFind(value, out var slot, out var known)) return known;
        Read(value, cache, out var display, out var uri, out var parameters);
        var contact = new SipContact { DisplayName = display, Uri = uri, Expires = SipParameters.GetInt(parameters, "expires"u8) };
        memo.Store(slot, value, contact);
        return contact;
    }
}
