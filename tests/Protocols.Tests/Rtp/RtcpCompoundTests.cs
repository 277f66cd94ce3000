using System.Diagnostics;
using PacketDotNet;
using PcapSipAnalyzer.Protocols.Rtp;
using SharpPcap;
using SharpPcap.LibPcap;

namespace PcapSipAnalyzer.Protocols.Tests.Rtp;

/// <summary>RTCP compound parsing checked against tshark's RTCP dissector on a real capture.</summary>
public class RtcpCompoundTests
{
    private const string Fixture = "nDPI/rtcp_multiple_pkts_in_the_same_datagram.pcap";

    [Fact]
    public void Packet_types_and_report_blocks_equal_tshark()
    {
        string path = FixturePath(Fixture);
        var tshark = Tshark(path);
        Assert.Equal(5, tshark.Count);
        int frame = 0;
        using var device = new CaptureFileReaderDevice(path);
        device.Open();
        while (device.GetNextPacket(out PacketCapture capture) == GetPacketStatus.PacketRead)
        {
            frame++;
            var raw = capture.GetPacket();
            var udp = Packet.ParsePacket(raw.LinkLayerType, raw.Data).Extract<UdpPacket>();
            byte[] payload = udp.PayloadData;
            Assert.Equal(RtpPacketKind.Rtcp, RtpDemultiplexer.Classify(payload));
            Assert.True(RtcpCompoundReader.IsValid(payload));

            var types = new List<string>();
            var blocks = new List<string>();
            var reader = new RtcpCompoundReader(payload);
            while (reader.TryRead(out var packet))
            {
                types.Add(packet.PacketType.ToString());
                for (int i = 0; i < packet.ReportBlockCount; i++)
                {
                    var b = packet.GetReportBlock(i);
                    blocks.Add($"0x{b.Ssrc:x8}/{b.FractionLost}/{b.CumulativeLost}/{b.Jitter}");
                }
                if (packet.PacketType == RtcpPacketType.SourceDescription)
                {
                    var sdes = packet.SourceDescription;
                    Assert.True(sdes.TryRead(out var item));
                    Assert.Equal(RtcpSdesItem.CanonicalName, item.Type);
                    Assert.NotEqual(0, item.Value.Length);
                }
            }
            var expected = tshark[frame - 1];
            Assert.Equal(expected.Types, string.Join(",", types));
            Assert.Equal(expected.Blocks, string.Join(";", blocks));
        }
        Assert.Equal(5, frame);
    }

    [Fact]
    public void Truncated_or_foreign_datagrams_are_not_rtcp()
    {
        byte[] rr = [0x81, 201, 0, 7, 1, 2, 3, 4, 5, 6, 7, 8, 0x10, 0xFF, 0xFF, 0xFE, 0, 0, 0, 9, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.True(RtcpCompoundReader.IsValid(rr));
        var reader = new RtcpCompoundReader(rr);
        Assert.True(reader.TryRead(out var packet));
        var block = packet.GetReportBlock(0);
        Assert.Equal((0x05060708u, (byte)0x10, -2, 9u, 3u), (block.Ssrc, block.FractionLost, block.CumulativeLost, block.HighestSequence, block.Jitter));
        for (int cut = 1; cut < rr.Length; cut++)
            Assert.False(RtcpCompoundReader.IsValid(rr.AsSpan(0, cut)), $"cut at {cut}");
        byte[] rtp = [0x80, 0x00, 0, 1, 0, 0, 0, 160, 1, 2, 3, 4];
        Assert.False(RtcpCompoundReader.IsValid(rtp));
        Assert.Equal(RtpPacketKind.Rtp, RtpDemultiplexer.Classify(rtp));
    }

    private static List<(string Types, string Blocks)> Tshark(string path)
    {
        var psi = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-n", "-r", path, "-o", "rtcp.heuristic_rtcp:TRUE", "-T", "fields", "-E", "occurrence=a",
                     "-e", "rtcp.pt", "-e", "rtcp.ssrc.identifier", "-e", "rtcp.ssrc.fraction", "-e", "rtcp.ssrc.cum_nr", "-e", "rtcp.ssrc.jitter" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        _ = p.StandardError.ReadToEndAsync();
        var rows = new List<(string, string)>();
        foreach (var line in p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            // rtcp.ssrc.identifier also lists SDES chunk SSRCs; report blocks are the first N, one per fraction value.
            var fractions = f[2].Length == 0 ? [] : f[2].Split(',');
            var blocks = new List<string>();
            for (int i = 0; i < fractions.Length; i++)
                blocks.Add($"{f[1].Split(',')[i]}/{fractions[i]}/{f[3].Split(',')[i]}/{f[4].Split(',')[i]}");
            rows.Add((f[0], string.Join(";", blocks)));
        }
        p.WaitForExit();
        return rows;
    }

    private static string FixturePath(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures", "public", relative);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException(relative);
    }
}
