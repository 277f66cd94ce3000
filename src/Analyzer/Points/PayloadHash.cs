namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// A stable 64-bit hash of a SIP message's bytes (FNV-1a): equal at two capture points when nothing rewrote
/// the message on the way. Stable across runs (unlike <see cref="HashCode"/>), so reports can be compared.
/// </summary>
public static class PayloadHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The hash of <paramref name="bytes"/>; never 0 (0 means "not computed").</summary>
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        ulong hash = Offset;
        foreach (byte b in bytes)
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash == 0 ? 1 : hash;
    }
}
