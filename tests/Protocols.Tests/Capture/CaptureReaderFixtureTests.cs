using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>
/// Every public fixture, read by our reader, against libpcap packet by packet — or, where libpcap cannot read
/// the file (several link types in one pcapng, mixed-endian sections, gzip), against tshark. A file neither
/// reads must be rejected with a <see cref="CaptureFormatException"/>.
/// </summary>
public sealed class CaptureReaderFixtureTests
{
    public static IEnumerable<object[]> Files() => Fixtures.PublicCaptureRows();

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_every_fixture_as_libpcap_or_tshark_does(string file)
    {
        string path = Fixtures.PathOf(file);
        (PacketRecorder ours, CaptureSummary summary, CaptureFormatException? error) = ReadFile(path);

        if (!CaptureMagic.IsPcapOrPcapng(path))
        {
            // snoop, NetMon…: other formats tshark reads but this tool does not; a clean rejection is required.
            Assert.NotNull(error);
            Assert.Equal(0, error.FileOffset);
            Assert.Empty(ours.Packets);
            return;
        }

        // libpcap clamps a record's captured length to the file's snaplen; Wireshark, and we, keep the bytes.
        bool beyondSnapLength = summary.Format == CaptureFormat.Pcap && summary.Interfaces.Count == 1
            && ours.Packets.Exists(p => p.Data.Length > summary.Interfaces[0].SnapLength);
        List<ReferencePacket>? reference = beyondSnapLength ? null : LibpcapReference.Read(path);
        string oracle = "libpcap";
        if (reference is null)
        {
            oracle = "tshark";
            reference = TsharkReference.Read(path, summary.Format != CaptureFormat.Pcap);
        }

        Assert.NotNull(reference);

        Assert.Null(error);
        Assert.False(ours.PacketBeforeInterface, "a packet came before its interface was announced");
        Assert.True(reference.Count == ours.Packets.Count, $"{oracle}: {reference.Count} packets, ours: {ours.Packets.Count}");
        for (int i = 0; i < reference.Count; i++)
        {
            var expected = reference[i];
            var actual = ours.Packets[i];
            Assert.True(i + 1 == actual.FrameNumber, $"frame numbers must count from 1: {actual}");
            Assert.True(expected.TimestampNs == actual.TimestampNs, $"frame {i + 1}: {oracle} ts {expected.TimestampNs}, ours {actual}");
            Assert.True(expected.CapturedLength == actual.Data.Length, $"frame {i + 1}: {oracle} caplen {expected.CapturedLength}, ours {actual}");
            Assert.True(expected.OriginalLength == actual.OriginalLength, $"frame {i + 1}: {oracle} len {expected.OriginalLength}, ours {actual}");
            if (expected.Data is not null)
            {
                Assert.True(expected.Data.AsSpan().SequenceEqual(actual.Data), $"frame {i + 1}: bytes differ from {oracle}");
            }
        }

        Assert.Equal(ours.Packets.Count, summary.Packets);
    }

    internal static (PacketRecorder Recorder, CaptureSummary Summary, CaptureFormatException? Error) ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return PacketRecorder.Read(stream, path);
    }
}
