using System.Security.Cryptography;

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
    public static ulong Mix(ulong a, ulong b)
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

    private static ulong NextKey() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) | 1;
}
