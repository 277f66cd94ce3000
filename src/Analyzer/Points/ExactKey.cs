namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>The same packet, unchanged: IP id, transport ports and the hash of the SIP bytes.</summary>
internal readonly record struct ExactKey(ushort IpId, ushort SourcePort, ushort DestinationPort, ulong PayloadHash)
{
    /// <summary>Seeded per process over every field, all of them the packet's.</summary>
    public override int GetHashCode() => HashCode.Combine(IpId, SourcePort, DestinationPort, (uint)PayloadHash, (uint)(PayloadHash >> 32));

    public static ExactKey Of(Sighting s) => new(s.Message.Meta.IpId, s.Message.Meta.SourcePort, s.Message.Meta.DestinationPort, s.Message.PayloadHash);
}
