using System.IO.Compression;
using System.Text;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>Files that are no capture at all: exit 65 and exactly one stderr line naming the file, offset and header.</summary>
public class NotACaptureTests
{
    public static IEnumerable<object[]> Files()
    {
        yield return ["empty", Array.Empty<byte>()];
        yield return ["text", Encoding.UTF8.GetBytes("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP a\r\n\r\nthis is not a capture\n")];
        yield return ["zip", MakeZip()];
        yield return ["random", RandomBytes(4096)];
        yield return ["three bytes of pcap magic", new byte[] { 0xd4, 0xc3, 0xb2 }];
        yield return ["pcap magic only", new byte[] { 0xd4, 0xc3, 0xb2, 0xa1 }];
        yield return ["pcapng SHB type only", new byte[] { 0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0 }];
        yield return ["gzip of text", Gzip(Encoding.UTF8.GetBytes(new string('x', 5000)))];
        yield return ["gzip header only", new byte[] { 0x1f, 0x8b }];
        yield return ["gzip of nothing", Gzip([])];
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Not_a_capture_exits_65_with_one_line(string what, byte[] bytes)
    {
        var outcome = DamageRun.Analyze([new DamagedFile(what, bytes, 0, 0)])[0];
        Assert.Equal(65, outcome.Run.ExitCode);
        Assert.NotNull(outcome.Error);
        Assert.Single(outcome.Run.StderrLines);
    }

    private static byte[] MakeZip()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("capture.pcap");
            using var stream = entry.Open();
            stream.Write(File.ReadAllBytes(TestSupport.Fixtures.PathOf("lab/healthy/pbx-uplink.pcap")));
        }
        return memory.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(data);
        return memory.ToArray();
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(65).NextBytes(bytes);
        return bytes;
    }
}
