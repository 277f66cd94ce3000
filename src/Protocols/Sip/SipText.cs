using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// Byte-level helpers for SIP header values. CR and LF count as white space, so a value continued by
/// obsolete line folding (CRLF followed by SP/HT) reads like one line without first being copied.
/// </summary>
internal static class SipText
{
    /// <summary>Longest value we turn into a string; longer ones are cut (a hostile header must not cost megabytes).</summary>
    private const int MaxStringBytes = 8192;

    // Called per byte by the trimming loops: the profile showed it as a call of its own.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLws(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>RFC 3261 token characters (method names, parameter names, transports).</summary>
    /// <remarks>
    /// A bit per ASCII value, so that the test is small enough to inline: a comparison per character class was a
    /// call for every byte of every method name, through a stub in the precompiled code a short run stays in.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTokenChar(byte b) => b < 64 ? (TokenLow >> b & 1) != 0 : b < 128 && (TokenHigh >> (b - 64) & 1) != 0;

    // Bits 0-63 and 64-127 of the token characters: letters, digits and -.!%*_+`'~ .
    private const ulong TokenLow = 0x03FF6CA200000000;
    private const ulong TokenHigh = 0x47FFFFFF87FFFFFE;

    // Called for every value, parameter and name of every message, mostly with nothing to trim: as a call
    // of its own it was 7 % of the parser's time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = 0;
        while (start < s.Length && IsLws(s[start])) start++;
        int end = s.Length;
        while (end > start && IsLws(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>Index of the first LWS byte, or the length when there is none.</summary>
    /// <remarks>
    /// One search for the four bytes (a SearchValues searcher was as fast once compiled, but ran its quickly
    /// compiled first version for most of a 250,000-message flood).
    /// </remarks>
    public static int IndexOfLws(ReadOnlySpan<byte> s)
    {
        int i = s.IndexOfAny(" \t\r\n"u8);
        return i < 0 ? s.Length : i;
    }

    /// <summary>Whether <paramref name="s"/> holds an LWS byte.</summary>
    public static bool ContainsLws(ReadOnlySpan<byte> s) => IndexOfLws(s) < s.Length;

    /// <summary>
    /// Index of <paramref name="target"/> outside quoted strings (and, when <paramref name="skipAngles"/>,
    /// outside &lt;…&gt;), or -1.
    /// </summary>
    public static int IndexOfUnquoted(ReadOnlySpan<byte> s, byte target, bool skipAngles)
    {
        // Jumps from one byte that matters to the next (vectorised search) instead of looking at each byte.
        int at = 0;
        while (at < s.Length)
        {
            var rest = s[at..];
            int i = skipAngles ? rest.IndexOfAny(target, (byte)'"', (byte)'<') : rest.IndexOfAny(target, (byte)'"');
            if (i < 0) return -1;
            i += at;
            byte b = s[i];
            if (b == target) return i;
            int close = b == (byte)'"' ? IndexOfClosingQuote(s[(i + 1)..]) : s[(i + 1)..].IndexOf((byte)'>');
            if (close < 0) return -1;
            at = i + 2 + close;
        }
        return -1;
    }

    /// <summary>
    /// The value as a string: trimmed, each run of white space (folding included) collapsed to one space,
    /// decoded as UTF-8 (invalid bytes become U+FFFD, nothing throws).
    /// </summary>
    public static string ToText(ReadOnlySpan<byte> s) => ToText(s, null);

    /// <summary>
    /// <see cref="ToText(ReadOnlySpan{byte})"/> with the thread's string cache at hand (<see cref="ThreadCache"/>): the
    /// parser reads it once per message, where each value's look-up read the thread-static again (two fifths of the
    /// cache's own time, by perf, on messages whose values all hit).
    /// </summary>
    public static string ToText(ReadOnlySpan<byte> s, StringCache? cache)
    {
        s = Trim(s);
        if (s.Length > MaxStringBytes) s = s[..MaxStringBytes];
        // One pass over the bytes answers both questions (white space to collapse? ASCII only?) that were four
        // vectorised searches, each a call of its own, for values mostly a few dozen bytes long.
        var kind = Classify(s);
        if (kind == TextKind.Ascii) return s.Length <= MaxCachedBytes ? CachedAscii(s, cache) : AsciiText(s);
        if (kind == TextKind.NonAscii) return Encoding.UTF8.GetString(s);
        byte[] rented = ArrayPool<byte>.Shared.Rent(s.Length);
        int n = 0;
        bool inSpace = false;
        foreach (byte b in s)
        {
            if (IsLws(b))
            {
                inSpace = true;
                continue;
            }
            if (inSpace) rented[n++] = (byte)' ';
            inSpace = false;
            rented[n++] = b;
        }
        string text = Encoding.UTF8.GetString(rented, 0, n);
        ArrayPool<byte>.Shared.Return(rented);
        return text;
    }

    // Most values of a SIP message repeat from message to message — methods, reason phrases, URIs, hosts,
    // user agents, content types, realms — while Call-IDs, branches, tags and nonces do not. A small lossy cache
    // per thread hands out the same string for the same bytes: on the 2 GB mix it saves about half of the parser's
    // strings, and those strings were most of its garbage.
    // 8 192 slots: a registrar's traffic names each of its users' display name and AOR in From and To, and with
    // 1 024 slots the values of a few hundred users already pushed each other out (a REGISTER scan of 900
    // extensions missed four times in five, two new strings per message). Each slot keeps 32 more bits of the
    // hash beside the string, so a miss is told from the table alone: reading the slot's string to compare it
    // was a cache miss of its own, and in a table this size it cost more than the strings it saved.
    // Two slots a hash (a set), so that two values a capture repeats, which meet in one place about as often as
    // values of 1 800 users in 8 192 slots do (a fifth of them), both stay: with one slot a hash they took it from
    // each other in turns, each turn a new string kept for a while (see CachedAscii for what that costs).
    private const int CacheSetBits = 12;
    private const int CacheSlots = 2 << CacheSetBits;
    private const int MaxCachedBytes = 64;
    private const byte MaxCredit = 3;
    // The values seen lately: 4 096 words of 64 bits (32 KB), two bits a value, cleared after 16 384 values, when at
    // most an eighth of the bits are set.
    private const int SeenWordsLog2 = 12;
    private const int SeenValues = (64 << SeenWordsLog2) / 16;
    // One thread-static for all the arrays: each thread-static read is a call into the runtime's TLS lookup.
    [ThreadStatic] private static StringCache? t_cache;

    /// <summary>This thread's string cache.</summary>
    public static StringCache ThreadCache => t_cache ??= new StringCache();

    internal sealed class StringCache
    {
        public readonly string?[] Texts = new string?[CacheSlots];
        public readonly uint[] Checks = new uint[CacheSlots];
        /// <summary>Two bits a value of the values seen lately (see <see cref="SeenBefore"/>).</summary>
        public readonly ulong[] Seen = new ulong[1 << SeenWordsLog2];
        public int SeenSet;
        /// <summary>Per set of two slots, the check of the last value the filter took for one seen before.</summary>
        public readonly uint[] Candidates = new uint[CacheSlots / 2];
        /// <summary>Hits of a slot's kept string, up to <see cref="MaxCredit"/>: each copy of a repeated newcomer spends one of the set's weaker slot before it takes that slot.</summary>
        public readonly byte[] Credits = new byte[CacheSlots];
        /// <summary>From and To values read lately (see <see cref="SipValueMemo{TResult}"/>).</summary>
        public readonly SipValueMemo<SipNameAddressText> NameAddresses = new();
        /// <summary>Via values read lately: a response's is its request's. Null for one that did not read.</summary>
        public readonly SipValueMemo<SipVia?> Vias = new();
        /// <summary>Contact values read lately: a refresh repeats its binding, and the registrar's 200 lists it.</summary>
        public readonly SipValueMemo<SipContact> Contacts = new();
    }

    /// <summary>The bytes as a string, the same string for the same bytes while the per-thread cache keeps it.</summary>
    public static string Cached(ReadOnlySpan<byte> s)
    {
        // Only ASCII: there, bytes and chars compare one to one (UTF-8 decoding could differ).
        if (s.Length > MaxCachedBytes || s.IsEmpty || !Ascii.IsValid(s)) return Encoding.UTF8.GetString(s);
        return CachedAscii(s, null);
    }

    private enum TextKind { Ascii, NonAscii, NeedsCollapsing }

    // A run of white space other than one space (folding, tabs, two spaces) is collapsed. Sixteen bytes at a
    // time where the value is long enough: a loop over each byte was a tenth of the parser's time.
    private static TextKind Classify(ReadOnlySpan<byte> s)
    {
        if (s.Length < 8) return ClassifyBytes(s);
        if (s.Length <= 16) return ClassifyWords(s);
        if (!Vector128.IsHardwareAccelerated) return ClassifyBytes(s);
        ref byte start = ref MemoryMarshal.GetReference(s);
        var high = Vector128<byte>.Zero;
        int last = s.Length - 17;
        for (int i = 0; ; i += 16)
        {
            if (i > last) i = last; // the last block overlaps the one before
            var a = Vector128.LoadUnsafe(ref start, (nuint)i);
            var b = Vector128.LoadUnsafe(ref start, (nuint)i + 1); // each byte's successor, for two spaces in a row
            var space = Vector128.Create((byte)' ');
            var collapse = Vector128.Equals(a, Vector128.Create((byte)'\t')) | Vector128.Equals(a, Vector128.Create((byte)'\r'))
                | Vector128.Equals(a, Vector128.Create((byte)'\n')) | (Vector128.Equals(a, space) & Vector128.Equals(b, space));
            if (collapse != Vector128<byte>.Zero) return TextKind.NeedsCollapsing;
            high |= a | b;
            if (i == last) break;
        }
        // The last byte, only ever seen as a successor (a value cut at MaxStringBytes may end in white space).
        byte final = s[^1];
        if (final is (byte)'\t' or (byte)'\r' or (byte)'\n') return TextKind.NeedsCollapsing;
        return high.ExtractMostSignificantBits() != 0 ? TextKind.NonAscii : TextKind.Ascii;
    }

    // Eight to sixteen bytes — tags, Call-IDs, hosts, most of a message's values — as two words that overlap where the
    // value is shorter than sixteen: the loop over each byte was a twentieth of a REGISTER's parse. Such a value is
    // nearly always plain ASCII without a space or control byte, which the words answer at once; any other is looked
    // at byte by byte, as before.
    private static TextKind ClassifyWords(ReadOnlySpan<byte> s)
    {
        const ulong Ones = 0x0101010101010101, Highs = 0x80 * Ones;
        ulong a = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s);
        ulong b = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s[^8..]);
        // With every top bit clear, (x - 0x21…) & ~x has a byte's top bit set exactly where a byte is below '!'.
        if (((a | b) & Highs) != 0 || ((((a - 0x21 * Ones) & ~a) | ((b - 0x21 * Ones) & ~b)) & Highs) != 0)
            return ClassifyBytes(s);
        return TextKind.Ascii;
    }

    private static TextKind ClassifyBytes(ReadOnlySpan<byte> s)
    {
        var kind = TextKind.Ascii;
        byte previous = 0;
        foreach (byte b in s)
        {
            if (b >= 0x80) kind = TextKind.NonAscii;
            else if (b is (byte)'\t' or (byte)'\r' or (byte)'\n' || (b == (byte)' ' && previous == (byte)' '))
                return TextKind.NeedsCollapsing;
            previous = b;
        }
        return kind;
    }

    // Cached for bytes known to be ASCII and at most MaxCachedBytes long.
    private static string CachedAscii(ReadOnlySpan<byte> s, StringCache? cache)
    {
        if (s.IsEmpty) return string.Empty;
        cache ??= ThreadCache;
        ulong h = HashOf(s);
        int set = SetOf(h);
        int first = 2 * set;
        uint check = (uint)h | 1; // never 0, the check of an empty slot
        var checks = cache.Checks;
        int slot = checks[first] == check ? first : checks[first + 1] == check ? first + 1 : -1;
        var texts = cache.Texts;
        if (slot >= 0)
        {
            ref string? text = ref texts[slot];
            if (text is { } hit && hit.Length == s.Length && Ascii.Equals(s, hit))
            {
                ref byte credit = ref cache.Credits[slot];
                if (credit < MaxCredit) credit++;
                return hit;
            }
            return text = AsciiText(s); // rarely, another value of the same check: this one kept instead
        }
        // A value seen for the first time (as far as the cache knows) is not kept. Values that never repeat (a
        // flood's Call-IDs, branches and tags, each new) then never enter the table: kept there, each lived until
        // its slot's next value, long enough to be copied by the collections of the young generation and die old,
        // and each store into the long-lived table was a write the collector tracks. Nor do they push out what the
        // table keeps: with one slot a hash and the first copy taking it, a REGISTER scan's new values pushed the
        // method, the User-Agent and the AORs out of their slots every ~1 500 messages, and the next copies of
        // those were new strings again (the scanner verdict, found by the User-Agent string's identity, was made
        // again with each). Kept steady, the scan allocates 8 % less (1 230 -> 1 140 MB for a million REGISTERs).
        if (!SeenBefore(cache, h)) return AsciiText(s);
        // The filter answers "seen before" for about one value in two hundred seen once. Each such value, kept, held
        // its slot until the next one came to its set, a few hundred thousand messages of a flood later (heap dumps
        // mid-scan showed 50-100 of them in every region of the young generation). So the set also notes the last
        // value the filter let through, and a value is kept when it comes through twice in a row (its third copy,
        // for most).
        ref uint candidate = ref cache.Candidates[set];
        if (candidate != check)
        {
            candidate = check;
            return AsciiText(s);
        }
        // Kept in a free slot, or in the slot whose string has fewer hits in hand once those are spent, one per
        // copy, so that the values a capture repeats all the time stay while a transaction's Call-ID, seen a few
        // times, passes.
        int victim;
        if (texts[first] is null) victim = first;
        else if (texts[first + 1] is null) victim = first + 1;
        else
        {
            var credits = cache.Credits;
            victim = credits[first] <= credits[first + 1] ? first : first + 1;
            if (credits[victim] > 0)
            {
                credits[victim]--;
                return AsciiText(s);
            }
        }
        candidate = 0;
        checks[victim] = check;
        return texts[victim] = AsciiText(s);
    }

    /// <summary>The set of two slots a value's string is kept in, if kept.</summary>
    internal static int CacheSetOf(ReadOnlySpan<byte> s) => SetOf(HashOf(s));

    // The hash's top bits, one set of two slots each.
    private static int SetOf(ulong h) => (int)(h >> (64 - CacheSetBits));

    // Whether a value of this hash was seen since the bits were last cleared; its bits are set either way. Two bits
    // of one word a value (one memory access): a value seen once then passes for one seen before about one time in
    // two hundred (one in sixty-four at most), where one bit a value let one in sixteen through. The bits come from
    // the hash multiplied again: the hash's own middle bits depend only on a value's first few bytes, and its top
    // bits are the set's.
    private static bool SeenBefore(StringCache cache, ulong h)
    {
        ulong m = h * 0x9E3779B97F4A7C15UL;
        ref ulong word = ref cache.Seen[(int)(m >> (64 - SeenWordsLog2))];
        ulong bits = (1UL << (int)(m >> 40)) | (1UL << (int)(m >> 46)); // a shift counts modulo 64: six bits each
        if ((word & bits) == bits) return true;
        word |= bits;
        if (++cache.SeenSet >= SeenValues)
        {
            Array.Clear(cache.Seen);
            cache.SeenSet = 0;
        }
        return false;
    }

    // Bytes known to be ASCII as a string. Latin-1 maps each byte to the char of the same value, as ASCII does for
    // these, without ASCII's check of every byte for a replacement: ~4 of ~20 ns per value, and a SIP flood's
    // messages each bring half a dozen values never seen before (Call-ID, branch, tag, hosts).
    private static string AsciiText(ReadOnlySpan<byte> s) => Encoding.Latin1.GetString(s);

    // From the length and the first and last eight bytes: a hit is confirmed by comparing the bytes, so a
    // collision (even a crafted one) only costs a miss, and hashing every byte of each value did cost.
    internal static ulong HashOf(ReadOnlySpan<byte> s)
    {
        ulong head, tail;
        if (s.Length >= 8)
        {
            head = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s);
            tail = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s[^8..]);
        }
        else
        {
            head = 0;
            foreach (byte b in s) head = head << 8 | b;
            tail = 0;
        }
        return (head * 0x9E3779B97F4A7C15UL ^ tail ^ (ulong)s.Length) * 0xC2B2AE3D27D4EB4FUL;
    }

    /// <summary>A token or quoted-string parameter value as text: quotes removed, backslash escapes resolved.</summary>
    public static string Unquote(ReadOnlySpan<byte> s) => Unquote(s, null);

    /// <summary><see cref="Unquote(ReadOnlySpan{byte})"/> with the thread's string cache at hand.</summary>
    public static string Unquote(ReadOnlySpan<byte> s, StringCache? cache)
    {
        s = Trim(s);
        if (s.Length < 2 || s[0] != (byte)'"') return ToText(s, cache);
        s = s[1..];
        int close = IndexOfClosingQuote(s);
        s = close >= 0 ? s[..close] : s;
        if (s.IndexOf((byte)'\\') < 0) return ToText(s, cache);
        byte[] rented = ArrayPool<byte>.Shared.Rent(s.Length);
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == (byte)'\\' && i + 1 < s.Length) i++;
            rented[n++] = s[i];
        }
        string text = ToText(rented.AsSpan(0, n), cache);
        ArrayPool<byte>.Shared.Return(rented);
        return text;
    }

    /// <summary>The bytes between surrounding double quotes, or the bytes themselves when not quoted.</summary>
    public static ReadOnlySpan<byte> StripQuotes(ReadOnlySpan<byte> v) =>
        v.Length >= 2 && v[0] == (byte)'"' && v[^1] == (byte)'"' ? v[1..^1] : v;

    /// <summary>Index of the quote that closes a quoted string whose opening quote is already consumed.</summary>
    public static int IndexOfClosingQuote(ReadOnlySpan<byte> s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == (byte)'\\') i++;
            else if (s[i] == (byte)'"') return i;
        }
        return -1;
    }

    /// <summary>Non-negative decimal integer (white space around allowed); false on anything else or overflow.</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> s, out int value)
    {
        bool ok = TryParseLong(s, out long v) && v <= int.MaxValue;
        value = ok ? (int)v : 0;
        return ok;
    }

    public static bool TryParseLong(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        s = Trim(s);
        if (s.Length == 0 || s.Length > 18) return false;
        foreach (byte b in s)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
