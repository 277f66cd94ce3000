namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Fields that are odd but not fatal: snaplen 0 or huge, packets naming interfaces that do not exist,
/// timestamps going backwards. Every packet that can be read is read; nothing fails.
/// </summary>
public class FieldDamageTests
{
    [Theory]
    [MemberData(nameof(CorruptionFixtures.StructuredRows), MemberType = typeof(CorruptionFixtures))]
    public void Snaplen_zero_or_huge_reads_every_packet(string fixture)
    {
        var original = CaptureOriginal.Load(fixture);
        var files = new List<DamagedFile>();
        foreach (uint snaplen in new uint[] { 0, 1u << 31, uint.MaxValue })
        {
            var bytes = original.Copy();
            if (original.IsPcapng)
            {
                foreach (var idb in original.Records.Where(r => r.Type == CaptureLayout.InterfaceDescription))
                    CaptureLayout.Write32(bytes, idb.Offset + 12, idb.BigEndian, snaplen);
            }
            else
            {
                CaptureLayout.Write32(bytes, 16, original.Records[0].BigEndian, snaplen);
            }
            // Simple Packet Blocks take their length from interface 0's snaplen, so a smaller one may cut them, never drop them.
            files.Add(new DamagedFile($"{fixture}: snaplen {snaplen}", bytes, original.Packets, original.Packets));
        }
        foreach (var outcome in DamageRun.AnalyzeAll(files))
            Assert.Null(outcome.Error);
    }

    [Theory]
    [MemberData(nameof(CorruptionFixtures.PcapngRows), MemberType = typeof(CorruptionFixtures))]
    public void Packets_naming_a_missing_interface_are_skipped_with_a_warning(string fixture)
    {
        var original = CaptureOriginal.Load(fixture);
        var files = new List<DamagedFile>();
        foreach (var record in CorruptionFixtures.SpreadPacketRecords(original).Where(r => r.Type == CaptureLayout.EnhancedPacket))
        {
            foreach (uint id in new uint[] { 99, 1u << 31, uint.MaxValue })
            {
                var bytes = original.Copy();
                CaptureLayout.Write32(bytes, record.Offset + 8, record.BigEndian, id);
                files.Add(new DamagedFile($"{fixture}: EPB at {record.Offset} names interface {id}", bytes, original.PacketsEndingBy(record.Offset), original.Packets - 1));
            }
        }
        foreach (var outcome in DamageRun.AnalyzeAll(files))
        {
            Assert.Null(outcome.Error);
            Assert.Contains(outcome.Warnings, w => w.Contains("names interface", StringComparison.Ordinal) && w.Contains("block skipped", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(CorruptionFixtures.StructuredRows), MemberType = typeof(CorruptionFixtures))]
    public void Timestamps_going_backwards_are_read_as_they_are(string fixture)
    {
        var original = CaptureOriginal.Load(fixture);
        var bytes = original.Copy();
        // Every other packet's timestamp set to (nearly) the epoch: the capture jumps back and forth in time.
        int n = 0;
        foreach (var record in original.PacketRecords)
        {
            if (n++ % 2 == 0 || (original.IsPcapng && record.Type != CaptureLayout.EnhancedPacket)) continue;
            if (original.IsPcapng)
            {
                CaptureLayout.Write32(bytes, record.Offset + 12, record.BigEndian, 0);
                CaptureLayout.Write32(bytes, record.Offset + 16, record.BigEndian, 1);
            }
            else
            {
                CaptureLayout.Write32(bytes, record.Offset, record.BigEndian, 1);
            }
        }
        var outcome = DamageRun.Analyze([new DamagedFile($"{fixture}: timestamps backwards", bytes, original.Packets, original.Packets)])[0];
        Assert.Null(outcome.Error);
        Assert.False(outcome.Truncated);
    }
}
