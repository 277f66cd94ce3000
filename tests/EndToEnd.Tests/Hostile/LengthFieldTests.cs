namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Record and block lengths set to 0, 7, 2^31 and 2^32−1 at the first, middle and last packets: pcap fails
/// with 65 naming the record, or reads on; pcapng resynchronises on the next valid block and says so.
/// </summary>
public class LengthFieldTests
{
    public static readonly uint[] BadLengths = [0, 7, 1u << 31, uint.MaxValue];

    [Theory]
    [MemberData(nameof(CorruptionFixtures.PcapRows), MemberType = typeof(CorruptionFixtures))]
    public void Pcap_record_lengths(string fixture)
    {
        var original = CaptureOriginal.Load(fixture);
        var packets = original.PacketRecords.ToList();
        var files = new List<DamagedFile>();
        foreach (var record in CorruptionFixtures.SpreadPacketRecords(original))
        {
            foreach (uint length in BadLengths)
            {
                var bytes = original.Copy();
                CaptureLayout.Write32(bytes, record.Offset + 8, record.BigEndian, length);
                files.Add(new DamagedFile($"{fixture}: record {packets.IndexOf(record) + 1} caplen {length}", bytes, original.PacketsEndingBy(record.Offset)));
            }
        }
        foreach (var outcome in DamageRun.AnalyzeAll(files))
        {
            if (outcome.File.Name.EndsWith(" caplen 2147483648", StringComparison.Ordinal) || outcome.File.Name.EndsWith(" caplen 4294967295", StringComparison.Ordinal))
            {
                // Impossible for any capture: the error names the record, and no packet after it is invented.
                long number = outcome.File.PacketsBeforeDamage!.Value + 1;
                Assert.True(outcome.Error is not null && outcome.Error.Contains($"(record {number})", StringComparison.Ordinal)
                    || outcome.Truncated, $"{outcome}");
                Assert.Equal(outcome.File.PacketsBeforeDamage, outcome.Packets);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CorruptionFixtures.PcapngRows), MemberType = typeof(CorruptionFixtures))]
    public void Pcapng_block_lengths_resynchronise_on_the_next_block(string fixture)
    {
        var original = CaptureOriginal.Load(fixture);
        var files = new List<DamagedFile>();
        var resyncExpected = new Dictionary<string, long>();
        foreach (var record in CorruptionFixtures.SpreadPacketRecords(original))
        {
            bool last = record.End == original.Bytes.Length;
            foreach (uint length in BadLengths)
            {
                foreach (bool trailer in new[] { false, true })
                {
                    var bytes = original.Copy();
                    CaptureLayout.Write32(bytes, trailer ? record.End - 4 : record.Offset + 4, record.BigEndian, length);
                    var name = $"{fixture}: block at {record.Offset} {(trailer ? "trailing" : "leading")} length {length}";
                    // A damaged block in the middle costs exactly its own packet.
                    files.Add(new DamagedFile(name, bytes, original.PacketsEndingBy(record.Offset), last ? null : original.Packets - 1));
                    if (!last) resyncExpected[name] = record.End;
                }
            }
        }
        foreach (var outcome in DamageRun.AnalyzeAll(files))
        {
            if (resyncExpected.TryGetValue(outcome.File.Name, out long next))
            {
                Assert.Null(outcome.Error);
                Assert.True(outcome.Warnings.Any(w => w.Contains($"resynchronised on the block at offset {next}", StringComparison.Ordinal)),
                    $"expected a warning naming the resynchronisation at {next}: {outcome}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CorruptionFixtures.PcapngRows), MemberType = typeof(CorruptionFixtures))]
    public void Pcapng_section_header_length_damage_is_a_clear_error(string fixture)
    {
        var original = CaptureOriginal.Load(fixture);
        var files = BadLengths.Select(length =>
        {
            var bytes = original.Copy();
            CaptureLayout.Write32(bytes, 4, original.Records[0].BigEndian, length);
            return new DamagedFile($"{fixture}: SHB length {length}", bytes, 0);
        }).ToList();
        foreach (var outcome in DamageRun.AnalyzeAll(files))
            Assert.True(outcome.Error is not null && outcome.Error.Contains("(block 1)", StringComparison.Ordinal), $"{outcome}");
    }
}
