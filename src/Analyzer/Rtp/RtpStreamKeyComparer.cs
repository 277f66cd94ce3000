namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Field-wise equality and one multiply-mix hash for the stream tables: every RTP packet costs one lookup, and
/// the record struct's generated members combine seven fields through the default comparers one at a time.
/// </summary>
internal sealed class RtpStreamKeyComparer : IEqualityComparer<RtpStreamKey>
{
    public static readonly RtpStreamKeyComparer Instance = new();

    public bool Equals(RtpStreamKey a, RtpStreamKey b) =>
        a.Ssrc == b.Ssrc && a.Source.Low == b.Source.Low && a.Destination.Low == b.Destination.Low
        && a.SourcePort == b.SourcePort && a.DestinationPort == b.DestinationPort
        && a.Source.High == b.Source.High && a.Destination.High == b.Destination.High
        && a.Source.IsV6 == b.Source.IsV6 && a.Destination.IsV6 == b.Destination.IsV6
        && a.Capture == b.Capture && a.InterfaceId == b.InterfaceId;

    public int GetHashCode(RtpStreamKey k)
    {
        ulong h = (k.Source.Low ^ (k.Source.High << 1) ^ ((ulong)k.SourcePort << 48)) * 0x9E3779B97F4A7C15UL;
        h ^= (k.Destination.Low ^ (k.Destination.High << 1) ^ ((ulong)k.DestinationPort << 48)) * 0xC2B2AE3D27D4EB4FUL;
        h ^= ((ulong)k.Ssrc << 16 ^ (ulong)(uint)k.Capture << 8 ^ (uint)k.InterfaceId) * 0x165667B19E3779F9UL;
        return (int)(h ^ (h >> 31));
    }
}
