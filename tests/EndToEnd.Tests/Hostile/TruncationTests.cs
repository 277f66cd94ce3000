namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Captures cut at many offsets (inside headers, on and beside record boundaries, at seeded random places):
/// the CLI reports exactly the packets whose records end before the cut, says "truncated" when the cut falls
/// inside a record, and fails (65) only when not even the file header is left.
/// </summary>
public class TruncationTests
{
    [Theory]
    [MemberData(nameof(CorruptionFixtures.StructuredRows), MemberType = typeof(CorruptionFixtures))]
    public void Cut_captures_report_every_packet_before_the_cut(string fixture)
    {
        var original = CaptureOriginal.Load(fixture);
        var files = CutOffsets(original).Select(cut => new DamagedFile($"{fixture} cut at {cut}", original.Bytes[..(int)cut],
            original.PacketsEndingBy(cut), ExactPackets: original.PacketsEndingBy(cut))).ToList();

        foreach (var outcome in DamageRun.AnalyzeAll(files))
        {
            long cut = outcome.File.Bytes.Length;
            bool onBoundary = original.Records.Any(r => r.End == cut);
            if (outcome.Error is null && !onBoundary)
                Assert.True(outcome.Truncated && outcome.Warnings.Any(w => w.StartsWith("truncated", StringComparison.Ordinal)),
                    $"a cut inside a record must be reported as truncated: {outcome}");
            if (outcome.Error is not null)
                Assert.True(cut < original.Records[0].End, $"only a cut inside the file header may fail: {outcome}");
        }
    }

    [Theory]
    [MemberData(nameof(CorruptionFixtures.GzipRows), MemberType = typeof(CorruptionFixtures))]
    public void Cut_gzip_captures_keep_what_was_decompressed(string fixture)
    {
        var bytes = File.ReadAllBytes(TestSupport.Fixtures.PathOf(fixture));
        var random = new Random(9);
        var cuts = new SortedSet<int> { 0, 1, 2, 10, 11, 20, 64, bytes.Length - 8, bytes.Length - 4, bytes.Length - 1 };
        while (cuts.Count < 24)
            cuts.Add(random.Next(1, bytes.Length));
        var files = cuts.Select(cut => new DamagedFile($"{fixture} cut at {cut}", bytes[..cut], null)).ToList();
        var outcomes = DamageRun.AnalyzeAll(files, ".pcap.gz");

        long full = DamageRun.Analyze([new DamagedFile(fixture, bytes, null)], ".pcap.gz")[0].Packets;
        long previous = 0;
        foreach (var outcome in outcomes)
        {
            // More compressed bytes never give fewer packets, and a cut stream is never taken for a whole one.
            Assert.True(outcome.Packets >= previous, $"fewer packets from a longer prefix: {outcome}");
            Assert.True(outcome.Packets <= full, $"{outcome}");
            Assert.True(outcome.Error is not null || outcome.Truncated, $"a cut gzip stream must say truncated: {outcome}");
            previous = outcome.Packets;
        }
    }

    private static SortedSet<long> CutOffsets(CaptureOriginal original)
    {
        var cuts = new SortedSet<long> { 0, 1, 3, 4, 8, 12, original.Records[0].End - 1, original.Records[0].End, original.Bytes.Length - 1 };
        foreach (var record in CorruptionFixtures.SpreadPacketRecords(original))
        {
            cuts.Add(record.Offset);
            cuts.Add(record.Offset + 1);
            cuts.Add(record.Offset + 7);
            cuts.Add(record.Offset + 15);
            cuts.Add(record.Offset + 16);
            cuts.Add(record.End - 1);
        }
        var random = new Random(original.Bytes.Length);
        while (cuts.Count < 48)
            cuts.Add(random.NextInt64(1, original.Bytes.Length));
        cuts.RemoveWhere(c => c < 0 || c >= original.Bytes.Length);
        return cuts;
    }
}
