using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>Header name lookup: case-insensitive, compact forms included (RFC 3261 §7.3.3 and later RFCs).</summary>
internal static class SipHeaderNames
{
    public static SipHeader Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1) return Compact((byte)(name[0] | 0x20));
        return name.Length switch
        {
            2 => Is(name, "to"u8) ? SipHeader.To : SipHeader.Other,
            3 => Is(name, "via"u8) ? SipHeader.Via : SipHeader.Other,
            4 => Is(name, "from"u8) ? SipHeader.From : Is(name, "cseq"u8) ? SipHeader.CSeq : SipHeader.Other,
            6 => Is(name, "server"u8) ? SipHeader.Server : SipHeader.Other,
            7 => Is(name, "call-id"u8) ? SipHeader.CallId
                : Is(name, "contact"u8) ? SipHeader.Contact
                : Is(name, "expires"u8) ? SipHeader.Expires : SipHeader.Other,
            10 => Is(name, "user-agent"u8) ? SipHeader.UserAgent : SipHeader.Other,
            12 => Is(name, "content-type"u8) ? SipHeader.ContentType
                : Is(name, "max-forwards"u8) ? SipHeader.MaxForwards : SipHeader.Other,
            13 => Is(name, "authorization"u8) ? SipHeader.Authorization : SipHeader.Other,
            14 => Is(name, "content-length"u8) ? SipHeader.ContentLength : SipHeader.Other,
            16 => Is(name, "www-authenticate"u8) ? SipHeader.WwwAuthenticate : SipHeader.Other,
            18 => Is(name, "proxy-authenticate"u8) ? SipHeader.ProxyAuthenticate : SipHeader.Other,
            19 => Is(name, "proxy-authorization"u8) ? SipHeader.ProxyAuthorization : SipHeader.Other,
            _ => SipHeader.Other,
        };
    }

    /// <summary>
    /// i Call-ID, m Contact, l Content-Length, c Content-Type, f From, t To, v Via. The other compact forms
    /// (e Content-Encoding, s Subject, k Supported, o Event, r Refer-To, b Referred-By, x Session-Expires,
    /// u Allow-Events) name headers the analysis does not keep.
    /// </summary>
    private static SipHeader Compact(byte lower) => lower switch
    {
        (byte)'i' => SipHeader.CallId,
        (byte)'m' => SipHeader.Contact,
        (byte)'l' => SipHeader.ContentLength,
        (byte)'c' => SipHeader.ContentType,
        (byte)'f' => SipHeader.From,
        (byte)'t' => SipHeader.To,
        (byte)'v' => SipHeader.Via,
        _ => SipHeader.Other,
    };

    // As Ascii.EqualsIgnoreCase, for a lower-case name of letters and '-' of the same length, without its call and
    // eight bytes at a time: bit 5 is set in the name's bytes where the expected name has a letter (which
    // lower-cases a letter and makes no letter of anything else) and nowhere else, so '-' must match exactly. (Set
    // everywhere, it turned CR into '-', and the whole name was searched for CR afterwards: 1 % of a SIP flood's
    // time.) Every header line of every message passes here.
    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lower)
    {
        if (name.Length != lower.Length) return false;
        const ulong Letters8 = 0x4040404040404040; // bit 6: set in every lower-case letter, clear in '-'
        int i = 0;
        for (; i + 8 <= lower.Length; i += 8)
        {
            ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(lower[i..]);
            if ((BinaryPrimitives.ReadUInt64LittleEndian(name[i..]) | ((expected & Letters8) >> 1)) != expected)
                return false;
        }
        for (; i < lower.Length; i++)
        {
            if ((name[i] | ((lower[i] & 0x40) >> 1)) != lower[i]) return false;
        }
        return true;
    }
}
