using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>A copy of a <see cref="CapturedPacket"/> that outlives the sink call, for comparisons in tests.</summary>
public sealed record RecordedPacket(
    long FrameNumber, long TimestampNs, int InterfaceId, int LinkType, int OriginalLength, long FileOffset,
    byte[] Data, byte[] Options, bool OptionsBigEndian)
{
    public static RecordedPacket From(in CapturedPacket packet) => new(
        packet.FrameNumber, packet.TimestampNs, packet.InterfaceId, packet.LinkType, packet.OriginalLength,
        packet.FileOffset, packet.Data.ToArray(), packet.Options.ToArray(), packet.OptionsBigEndian);

    public override string ToString() =>
        $"#{FrameNumber} ts={TimestampNs} if={InterfaceId} lt={LinkType} cap={Data.Length} len={OriginalLength} @{FileOffset}";
}
