namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// CSeq numbers as dictionary keys, hashed with the per-process seed of <see cref="HashCode"/>: a long's own
/// hash (low ^ high word) is predictable, so crafted CSeqs could pile into one bucket.
/// </summary>
internal sealed class CSeqComparer : IEqualityComparer<long>
{
    public static readonly CSeqComparer Instance = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long cseq) => HashCode.Combine((uint)cseq, (uint)(cseq >> 32));
}
