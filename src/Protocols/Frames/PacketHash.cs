using System.Runtime.CompilerServices;

namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// Hashing for table keys made of packet fields, keyed per process: each step is a folded 64×64→128-bit multiply
/// of the words with random keys (the construction of foldhash and aHash). A sender cannot predict the hash, so
/// crafted addresses or ports cannot pile into one bucket; and the keys looked up for every packet cost two or
/// three multiplies instead of a round of <see cref="HashCode"/> per 32-bit word.
/// </summary>
public static class PacketHash
{
    private static readonly ulong Key0 = NextKey();
    private static readonly ulong Key1 = NextKey();
    private static readonly ulong Key2 = NextKey();

    /// <summary>Mixes two words into one.</summary>
    /// <remarks>
    /// Compiled optimized at its first call. The published build does not run it from its ReadyToRun image (the
    /// perf map shows it JIT-compiled; Math.BigMul's dependence on BMI2 is the likely reason), and in a run of a
    /// few hundred milliseconds the tier-0 code served every key of every packet: no method reached tier 1 in a
    /// 65 000-connection run. Measured there: a quarter fewer samples in this method. Inlined into its callers
    /// instead, their precompiled code multiplied the slow way until they were compiled again (65 000 colliding
    /// connections 3 %, 520 000 tiny TCP segments 2 % more CPU, medians of 30 alternated runs); see
    /// <see cref="MixInlined"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Mix(ulong a, ulong b) => MixInlined(a, b);

    /// <summary>
    /// <see cref="Mix"/> inlined, for a method that is itself compiled optimized at its first call (a method so
    /// marked, as Mix is, is never inlined): PayloadHash mixes once per sixteen bytes of every SIP message, and the
    /// calls were 1.9 % of a SIP flood's steady state.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MixInlined(ulong a, ulong b)
    {
        ulong high = Math.BigMul(a ^ Key0, b ^ Key1, out ulong low);
        return high ^ low;
    }

    /// <summary>The hash of two words.</summary>
    public static int Of(ulong a, ulong b) => Finish(Mix(a, b));

    /// <summary>The hash of four words, chained so that no word can cancel another.</summary>
    public static int Of(ulong a, ulong b, ulong c, ulong d) => Finish(Mix(Mix(a, b) ^ c, d ^ Key2));

    /// <summary>The hash of six words.</summary>
    public static int Of(ulong a, ulong b, ulong c, ulong d, ulong e, ulong f) =>
        Finish(Mix(Mix(Mix(a, b) ^ c, d ^ Key2) ^ e, f));

    private static int Finish(ulong h) => (int)(h ^ (h >> 32));

    // Guid.NewGuid draws from the operating system's cryptographic generator, as RandomNumberGenerator does, but
    // without loading System.Security.Cryptography and OpenSSL, which RandomNumberGenerator does on Linux: a cost
    // every run paid at start-up. A version-4 GUID fixes 6 of its 128 bits (bits 60-63 of its first half, 6-7 of
    // its second), so halves of two GUIDs are folded and every bit of the key is random.
    private static ulong NextKey()
    {
        Span<byte> first = stackalloc byte[16], second = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(first);
        Guid.NewGuid().TryWriteBytes(second);
        return (BitConverter.ToUInt64(first) ^ BitConverter.ToUInt64(second[8..])) | 1;
    }
}
