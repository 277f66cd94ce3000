namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// One record of a capture file as <see cref="CaptureLayout"/> found it: the pcap file header, a pcap record,
/// or a pcapng block. <see cref="Type"/> is the pcapng block type (0 for pcap).
/// </summary>
public sealed record CaptureRecord(long Offset, long Length, uint Type, bool BigEndian, bool IsPacket, bool IsFileHeader = false)
{
    public long End => Offset + Length;
}
