using System.Buffers.Binary;
using System.Text;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>
/// Files that are empty, not captures, of another version, or damaged: a one-line error naming offset and
/// record, or a warning with everything before the damage delivered; never a crash, never a huge allocation.
/// </summary>
public sealed class CaptureReaderDamageTests
{
    [Fact]
    public void An_empty_file_is_a_format_error_at_offset_0()
    {
        var read = PacketRecorder.Read(new MemoryStream());
        Assert.NotNull(read.Error);
        Assert.Equal(0, read.Error.FileOffset);
        Assert.Equal(0, read.Error.RecordNumber);
        Assert.Contains("empty", read.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INVITE sip:alice@example.com SIP/2.0\r\n")]
    [InlineData("PK\u0003\u0004zipfile")]
    [InlineData("ab")]
    public void Something_else_is_not_a_capture(string text)
    {
        var read = PacketRecorder.Read(new MemoryStream(Encoding.ASCII.GetBytes(text)));
        Assert.NotNull(read.Error);
        Assert.Equal(0, read.Error.FileOffset);
        Assert.DoesNotContain('\n', read.Error.Message);
    }

    [Fact]
    public void Header_only_captures_have_no_packets_and_no_complaint()
    {
        var pcap = PacketRecorder.Read(new MemoryStream(SyntheticCapture.Pcap(0)));
        Assert.Null(pcap.Error);
        Assert.Equal(0, pcap.Summary.Packets);
        Assert.Single(pcap.Summary.Interfaces);
        Assert.Empty(pcap.Summary.Warnings);

        var pcapng = PacketRecorder.Read(new MemoryStream(new PcapngBuilder().Shb().ToArray()));
        Assert.Null(pcapng.Error);
        Assert.Equal(0, pcapng.Summary.Packets);
        Assert.Empty(pcapng.Summary.Warnings);
    }

    [Fact]
    public void Unsupported_versions_are_named()
    {
        byte[] pcap = SyntheticCapture.Pcap(1);
        pcap[4] = 3;
        var read = PacketRecorder.Read(new MemoryStream(pcap));
        Assert.Contains("version 3.4", read.Error?.Message, StringComparison.Ordinal);

        var pcapng = PacketRecorder.Read(new MemoryStream(new PcapngBuilder().Shb(major: 2).ToArray()));
        Assert.Contains("version 2.0", pcapng.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(1, pcapng.Error?.RecordNumber);
    }

    [Theory]
    [InlineData(0xFFFF_FFFFu)]
    [InlineData(0x8000_0000u)]
    [InlineData(300_000_000u)]
    public void An_impossible_pcap_record_length_is_an_error_after_the_good_records(uint length)
    {
        byte[] capture = SyntheticCapture.Pcap(3);
        int second = 24 + 16 + 100;
        BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(second + 8), length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = PacketRecorder.Read(new MemoryStream(capture));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(read.Error);
        Assert.Equal(second, read.Error.FileOffset);
        Assert.Equal(2, read.Error.RecordNumber);
        Assert.Contains($"offset {second} (record 2)", read.Error.Message, StringComparison.Ordinal);
        Assert.Single(read.Recorder.Packets);
        Assert.True(allocated < 8 << 20, $"{allocated} bytes allocated for a damaged length");
    }

    [Fact]
    public void A_pcap_record_running_past_the_end_is_a_truncation_warning()
    {
        byte[] capture = SyntheticCapture.Pcap(3);
        BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(24 + 2 * 116 + 8), 200_000_000);
        foreach (var stream in new Stream[] { new MemoryStream(capture), new ShortReadStream(capture, 4096) })
        {
            var read = PacketRecorder.Read(stream);
            Assert.Null(read.Error);
            Assert.True(read.Summary.Truncated);
            Assert.Equal(2, read.Summary.Packets);
            Assert.Contains(read.Summary.Warnings, w => w.Contains($"offset {24 + 2 * 116} (record 3)", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(7u)]
    [InlineData(0x8000_0000u)]
    [InlineData(0xFFFF_FFFFu)]
    [InlineData(36u)] // plausible, but the trailing length disagrees
    public void A_damaged_pcapng_block_length_is_skipped_by_resynchronising(uint length)
    {
        var (capture, damaged) = FivePackets(damage: 2, length);
        foreach (var stream in new Stream[] { new MemoryStream(capture), new ShortReadStream(capture, 1), new ShortReadStream(capture, 50, seed: 4) })
        {
            var read = PacketRecorder.Read(stream);
            Assert.Null(read.Error);
            Assert.False(read.Summary.Truncated);
            Assert.Equal([0L, 1, 3, 4], read.Recorder.Packets.Select(p => (long)p.Data[0]));
            Assert.Equal([1L, 2, 3, 4], read.Recorder.Packets.Select(p => p.FrameNumber));
            string warning = Assert.Single(read.Summary.Warnings);
            Assert.Contains($"at offset {damaged} (block 5)", warning, StringComparison.Ordinal);
            Assert.Contains("resynchronised", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_damaged_last_pcapng_block_with_nothing_valid_after_it_is_an_error()
    {
        var (capture, damaged) = FivePackets(damage: 4, 7);
        var read = PacketRecorder.Read(new MemoryStream(capture));
        Assert.NotNull(read.Error);
        Assert.Equal(damaged, read.Error.FileOffset);
        Assert.Equal(7, read.Error.RecordNumber);
        Assert.Equal(4, read.Recorder.Packets.Count);
    }

    [Fact]
    public void A_pcapng_block_running_past_the_end_is_a_truncation_warning()
    {
        var (capture, damaged) = FivePackets(damage: 4, 1_000_000);
        foreach (var stream in new Stream[] { new MemoryStream(capture), new ShortReadStream(capture, 333) })
        {
            var read = PacketRecorder.Read(stream);
            Assert.Null(read.Error);
            Assert.True(read.Summary.Truncated);
            Assert.Equal(4, read.Recorder.Packets.Count);
            Assert.Contains($"offset {damaged} (block 7)", Assert.Single(read.Summary.Warnings), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_and_metadata_blocks_are_skipped_by_length()
    {
        var b = new PcapngBuilder().Shb().Idb();
        b.Block(4, new byte[12]);          // NRB
        b.Block(0xBAD, new byte[9]);        // custom
        b.Block(0x0A, new byte[16]);        // DSB
        b.Epb(0, 1, [1, 2, 3]);
        b.Block(5, new byte[20]);           // ISB
        b.Block(0x1234_5678, new byte[4]);  // unknown
        b.Epb(0, 2, [4]);
        var read = PacketRecorder.Read(new MemoryStream(b.ToArray()));
        Assert.Null(read.Error);
        Assert.Equal(2, read.Summary.Packets);
        Assert.Equal(5, read.Summary.SkippedBlocks);
        Assert.Empty(read.Summary.Warnings);
    }

    [Fact]
    public void Sections_restart_interface_ids_and_the_reader_numbers_them_on()
    {
        var b = new PcapngBuilder().Shb().Idb(1).Idb(113).Epb(1, 1, [1]);
        b.Shb(bigEndian: true).Idb(101).Epb(0, 2, [2]);
        var read = PacketRecorder.Read(new MemoryStream(b.ToArray()));
        Assert.Null(read.Error);
        Assert.Equal(2, read.Summary.Sections);
        Assert.Equal([1, 2], read.Recorder.Packets.Select(p => p.InterfaceId));
        Assert.Equal([113, 101], read.Recorder.Packets.Select(p => p.LinkType));
        Assert.Equal([(0, 0), (0, 1), (1, 0)], read.Summary.Interfaces.Select(i => (i.Section, i.LocalId)));
        Assert.True(read.Recorder.Packets[1].OptionsBigEndian);
    }

    [Fact]
    public void A_packet_naming_a_missing_interface_is_skipped_with_a_warning()
    {
        var b = new PcapngBuilder().Shb().Idb().Epb(5, 1, [1]).Epb(0, 2, [2]);
        var read = PacketRecorder.Read(new MemoryStream(b.ToArray()));
        Assert.Null(read.Error);
        Assert.Equal([2], read.Recorder.Packets.Select(p => (int)p.Data[0]));
        Assert.Contains("interface 5", Assert.Single(read.Summary.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Endless_interface_blocks_are_refused_once_past_the_cap()
    {
        var b = new PcapngBuilder().Shb();
        for (int i = 0; i <= PcapngFormat.MaxInterfaces; i++)
        {
            b.Idb();
        }

        var read = PacketRecorder.Read(new MemoryStream(b.ToArray()));
        Assert.NotNull(read.Error);
        Assert.Equal(PcapngFormat.MaxInterfaces + 2, read.Error.RecordNumber);
        Assert.Equal(PcapngFormat.MaxInterfaces, read.Recorder.Interfaces.Count);
    }

    [Fact]
    public void Damaged_gzip_is_a_format_error_or_a_truncation_never_a_crash()
    {
        byte[] gzip = SyntheticCapture.Gzip(SyntheticCapture.Pcap(2000));
        var random = new Random(9);
        for (int i = 0; i < 200; i++)
        {
            byte[] damaged = (byte[])gzip.Clone();
            damaged[random.Next(2, i < 100 ? 12 : damaged.Length)] ^= (byte)random.Next(1, 256);
            var read = PacketRecorder.Read(new MemoryStream(damaged));
            Assert.True(read.Error is not null || read.Summary.Truncated || read.Summary.Packets == 2000, $"flip {i}");
        }
    }

    [Fact]
    public void Gzip_is_recognised_by_its_magic_not_by_its_name()
    {
        byte[] gzip = SyntheticCapture.Gzip(SyntheticCapture.Pcapng(50));
        var read = PacketRecorder.Read(new MemoryStream(gzip), "capture.pcap");
        Assert.Null(read.Error);
        Assert.True(read.Summary.Gzip);
        Assert.Equal(CaptureFormat.Pcapng, read.Summary.Format);
        Assert.Equal(50, read.Summary.Packets);
        Assert.Equal(SyntheticCapture.StartNs + 49 * SyntheticCapture.SpacingNs, read.Summary.LastTimestampNs);
    }

    /// <summary>SHB, IDB, then five EPBs whose first data byte is their index; block <paramref name="damage"/>+3 gets a wrong length.</summary>
    private static (byte[] Capture, long DamagedOffset) FivePackets(int damage, uint length)
    {
        var b = new PcapngBuilder().Shb().Idb();
        long damagedOffset = 0;
        for (int i = 0; i < 5; i++)
        {
            if (i == damage)
            {
                damagedOffset = b.Position;
            }

            b.Epb(0, (ulong)i, [(byte)i, 0, 0, 0, 0, 0, 0, 0]);
        }

        byte[] capture = b.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan((int)damagedOffset + 4), length);
        return (capture, damagedOffset);
    }
}
