namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Seeded random byte flips — a few bytes anywhere, or many in the headers at the start — must never crash or
/// hang the CLI, and the packets in records wholly before the first flipped byte are still reported.
/// </summary>
public class ByteFlipTests
{
    private const int VariantsPerFixture = 32;

    [Theory]
    [MemberData(nameof(CorruptionFixtures.StructuredRows), MemberType = typeof(CorruptionFixtures))]
    public void Flipped_bytes_never_crash_and_keep_the_packets_before_them(string fixture)
    {
        var original = CaptureOriginal.Load(fixture);
        var random = new Random(fixture.Length * 7919 + 1);
        var files = new List<DamagedFile>();
        for (int v = 0; v < VariantsPerFixture; v++)
        {
            var bytes = original.Copy();
            // Half the variants hit the first 4 KB (file header, interface blocks, first records) hard.
            int span = v % 2 == 0 ? Math.Min(bytes.Length, 4096) : bytes.Length;
            int flips = v % 2 == 0 ? random.Next(1, 24) : random.Next(1, 6);
            int first = int.MaxValue;
            for (int f = 0; f < flips; f++)
            {
                int at = random.Next(span);
                bytes[at] ^= (byte)random.Next(1, 256);
                first = Math.Min(first, at);
            }
            files.Add(new DamagedFile($"{fixture} variant {v}: {flips} flips from offset {first}", bytes, original.PacketsEndingBy(first)));
        }
        // DamageRun checks the general rules (no crash, one-line errors); the promise of this test, stated here:
        // every variant is reported, with at least the packets wholly before its first flipped byte.
        var outcomes = DamageRun.AnalyzeAll(files);
        Assert.Equal(VariantsPerFixture, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Packets >= o.File.PacketsBeforeDamage, o.ToString()));
    }

    [Theory]
    [MemberData(nameof(CorruptionFixtures.GzipRows), MemberType = typeof(CorruptionFixtures))]
    public void Flipped_bytes_in_gzip_data_never_crash(string fixture)
    {
        var pristine = File.ReadAllBytes(TestSupport.Fixtures.PathOf(fixture));
        var random = new Random(pristine.Length);
        var files = new List<DamagedFile>();
        for (int v = 0; v < 16; v++)
        {
            var bytes = (byte[])pristine.Clone();
            int at = random.Next(10, bytes.Length); // past the gzip header: damage inside the deflate data or trailer
            bytes[at] ^= (byte)random.Next(1, 256);
            files.Add(new DamagedFile($"{fixture} flip at {at}", bytes, null));
        }
        foreach (var outcome in DamageRun.AnalyzeAll(files, ".pcap.gz"))
            Assert.True(outcome.Error is not null || outcome.Truncated || outcome.Warnings.Length > 0 || outcome.Packets > 0, $"{outcome}");
    }
}
