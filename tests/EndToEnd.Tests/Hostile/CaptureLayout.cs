using System.Buffers.Binary;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Walks an undamaged, uncompressed pcap or pcapng file by its length fields — independently of the reader
/// under test — so a test can damage a chosen field and knows where each record ends.
/// </summary>
public static class CaptureLayout
{
    public const uint SectionHeader = 0x0A0D0D0A;
    public const uint InterfaceDescription = 1;
    public const uint ObsoletePacket = 2;
    public const uint SimplePacket = 3;
    public const uint EnhancedPacket = 6;

    public static bool IsPcapng(byte[] file) => file.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(file) == SectionHeader;

    public static List<CaptureRecord> Records(byte[] file) => IsPcapng(file) ? PcapngBlocks(file) : PcapRecords(file);

    public static uint Read32(byte[] file, long offset, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)offset)) : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset));

    public static void Write32(byte[] file, long offset, bool bigEndian, uint value)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan((int)offset), value);
        else BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)offset), value);
    }

    private static List<CaptureRecord> PcapRecords(byte[] file)
    {
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool bigEndian = magic is 0xD4C3B2A1 or 0x4D3CB2A1;
        var records = new List<CaptureRecord> { new(0, 24, 0, bigEndian, IsPacket: false, IsFileHeader: true) };
        long offset = 24;
        while (offset + 16 <= file.Length)
        {
            long length = 16 + Read32(file, offset + 8, bigEndian);
            if (offset + length > file.Length)
                break;
            records.Add(new CaptureRecord(offset, length, 0, bigEndian, IsPacket: true));
            offset += length;
        }
        return records;
    }

    private static List<CaptureRecord> PcapngBlocks(byte[] file)
    {
        var records = new List<CaptureRecord>();
        bool bigEndian = false;
        long offset = 0;
        while (offset + 12 <= file.Length)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset)) == SectionHeader)
                bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset + 8)) == 0x4D3C2B1A;
            uint type = Read32(file, offset, bigEndian);
            long length = Read32(file, offset + 4, bigEndian);
            if (length < 12 || offset + length > file.Length)
                break;
            bool packet = type is EnhancedPacket or SimplePacket or ObsoletePacket;
            records.Add(new CaptureRecord(offset, length, type, bigEndian, packet, IsFileHeader: type == SectionHeader && offset == 0));
            offset += length;
        }
        return records;
    }
}
