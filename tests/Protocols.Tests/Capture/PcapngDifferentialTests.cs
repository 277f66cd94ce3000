using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>
/// pcapng features no public fixture exercises (binary if_tsresol, if_tsoffset, the obsolete Packet Block,
/// SPB against a snaplen), written by hand in both byte orders and checked against tshark and libpcap;
/// and, over every pcapng fixture, the file-global interface ids and the comments against tshark.
/// </summary>
public sealed class PcapngDifferentialTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pcapsip-diff-{Guid.NewGuid():N}.pcapng");

    public void Dispose() => File.Delete(_path);

    public static IEnumerable<object[]> PcapngFiles()
    {
        foreach (string file in Fixtures.PublicCaptures())
        {
            if (file.Contains(".pcapng", StringComparison.Ordinal) || file.EndsWith("NullLoopback.pcap", StringComparison.Ordinal))
            {
                yield return [file];
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Clock_options_and_old_block_types_read_as_tshark_and_libpcap_read_them(bool bigEndian)
    {
        var b = new PcapngBuilder().Shb(bigEndian);
        byte[] frame = new byte[70];
        frame[12] = 0x08;
        // interface 0: 2^-20 s ticks and a one-hour offset; 1: ms; 2: default µs; 3: 10^-9
        b.Idb(1, 0, (PcapngOptionCode.IfTimestampResolution, [0x80 | 20]), (PcapngOptionCode.IfTimestampOffset, b.I64(3600)));
        b.Idb(1, 0, (PcapngOptionCode.IfTimestampResolution, [3]));
        b.Idb(1, 0);
        b.Idb(1, 0, (PcapngOptionCode.IfTimestampResolution, [9]), (PcapngOptionCode.IfName, PcapngBuilder.Text("eth9")));
        ulong seconds = 1_700_000_000;
        b.Epb(0, (seconds << 20) + 123_457, frame);
        b.Epb(0, (seconds << 20) + (1 << 20) - 1, frame);
        b.Epb(1, seconds * 1000 + 999, frame, 1514);
        b.Epb(2, seconds * 1_000_000 + 1, frame);
        b.Pb(3, seconds * 1_000_000_000 + 987_654_321, frame, 100);
        b.Epb(3, seconds * 1_000_000_000 + 5, frame);
        File.WriteAllBytes(_path, b.ToArray());

        var (ours, summary, error) = CaptureReaderFixtureTests.ReadFile(_path);
        Assert.Null(error);
        Assert.Equal(6, ours.Packets.Count);
        Assert.Equal(1UL << 20, summary.Interfaces[0].TicksPerSecond);
        Assert.Equal(3600, summary.Interfaces[0].TimestampOffsetSeconds);
        Assert.Equal("eth9", summary.Interfaces[3].Name);

        var tshark = TsharkReference.Read(_path, pcapng: true)!;
        AssertSame("tshark", tshark, ours.Packets);
        var libpcap = LibpcapReference.Read(_path);
        Assert.NotNull(libpcap);
        AssertSame("libpcap", libpcap, ours.Packets);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Simple_packet_blocks_take_their_length_from_the_block_and_the_snaplen(bool bigEndian)
    {
        byte[] frame = new byte[64];
        var b = new PcapngBuilder().Shb(bigEndian).Idb(1, snapLength: 40);
        b.Spb(64, frame[..40]);             // cut to the snaplen
        b.Spb(30, frame[..30]);             // shorter than the snaplen
        b.Spb(1500, frame[..40]);           // original far longer than what is captured
        File.WriteAllBytes(_path, b.ToArray());

        var (ours, _, error) = CaptureReaderFixtureTests.ReadFile(_path);
        Assert.Null(error);
        Assert.Equal([40, 30, 40], ours.Packets.Select(p => p.Data.Length));
        Assert.Equal([64, 30, 1500], ours.Packets.Select(p => p.OriginalLength));
        AssertSame("tshark", TsharkReference.Read(_path, pcapng: true)!, ours.Packets);
        AssertSame("libpcap", LibpcapReference.Read(_path)!, ours.Packets);
    }

    [Theory]
    [MemberData(nameof(PcapngFiles))]
    public void Interface_ids_and_comments_are_those_tshark_shows(string file)
    {
        string path = Fixtures.PathOf(file);
        var (ours, _, error) = CaptureReaderFixtureTests.ReadFile(path);
        Assert.Null(error);
        // tshark shows the section (1-based) and the id inside it; ours is file-global, its interface says where it lives.
        var rows = Tshark.Fields(path, "frame.section_number", "frame.interface_id", "frame.comment").FindAll(r => r[1].Length > 0);
        Assert.Equal(rows.Count, ours.Packets.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var packet = ours.Packets[i];
            var captureInterface = ours.Interfaces.Single(x => x.Id == packet.InterfaceId);
            Assert.Equal($"{rows[i][0]}/{rows[i][1]}", $"{captureInterface.Section + 1}/{captureInterface.LocalId}");
            Assert.Equal(rows[i][2], EscapeAsTshark(string.Join('|', PcapngOptions.Comments(packet.Options, packet.OptionsBigEndian))));
        }
    }

    /// <summary>
    /// tshark's field output writes control characters as \r, \n, \t but leaves backslashes alone, so it
    /// cannot be undone; our text is escaped the same way instead.
    /// </summary>
    private static string EscapeAsTshark(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal);

    private static void AssertSame(string oracle, List<ReferencePacket> expected, List<RecordedPacket> actual)
    {
        Assert.True(expected.Count == actual.Count, $"{oracle}: {expected.Count} packets, ours {actual.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].TimestampNs == actual[i].TimestampNs, $"{oracle} frame {i + 1}: ts {expected[i].TimestampNs}, ours {actual[i]}");
            Assert.True(expected[i].CapturedLength == actual[i].Data.Length, $"{oracle} frame {i + 1}: caplen {expected[i].CapturedLength}, ours {actual[i]}");
            Assert.True(expected[i].OriginalLength == actual[i].OriginalLength, $"{oracle} frame {i + 1}: len {expected[i].OriginalLength}, ours {actual[i]}");
        }
    }
}
