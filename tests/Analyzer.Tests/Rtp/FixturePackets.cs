using System.IO.Compression;
using System.Net;
using PacketDotNet;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;
using SharpPcap;
using SharpPcap.LibPcap;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// Reads a fixture with libpcap (SharpPcap) and decodes it with PacketDotNet — independent of our own reader and
/// decoder, which are built elsewhere — into what the RTP engine takes: PacketMeta and the UDP (or TCP) payload.
/// </summary>
internal static class FixturePackets
{
    public readonly record struct Datagram(PacketMeta Meta, byte[] Payload, bool IsTcp);

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "fixtures", "public");
                if (Directory.Exists(candidate))
                    return candidate;
            }
            throw new DirectoryNotFoundException("tests/fixtures/public not found above " + AppContext.BaseDirectory);
        }
    }

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Every UDP and TCP payload of the file, in order, with frame numbers counted from 1.</summary>
    public static IEnumerable<Datagram> Read(string path)
    {
        string file = path;
        string? temp = null;
        if (IsGzip(path))
        {
            temp = System.IO.Path.GetTempFileName();
            using (var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
            using (var output = File.Create(temp))
                gz.CopyTo(output);
            file = temp;
        }
        try
        {
            using var device = new CaptureFileReaderDevice(file);
            device.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
            long frame = 0;
            while (device.GetNextPacket(out PacketCapture capture) == GetPacketStatus.PacketRead)
            {
                frame++;
                var raw = capture.GetPacket();
                if (TryDecode(raw, frame, out var datagram))
                    yield return datagram;
            }
        }
        finally
        {
            if (temp is not null)
                File.Delete(temp);
        }
    }

    private static bool IsGzip(string path)
    {
        using var f = File.OpenRead(path);
        return f.ReadByte() == 0x1f && f.ReadByte() == 0x8b;
    }

    private static bool TryDecode(RawCapture raw, long frame, out Datagram datagram)
    {
        datagram = default;
        try
        {
            return TryDecode(Packet.ParsePacket(raw.LinkLayerType, raw.Data), raw, frame, out datagram);
        }
        catch (Exception)
        {
            return false; // PacketDotNet throws on truncated or fuzzed headers
        }
    }

    private static bool TryDecode(Packet packet, RawCapture raw, long frame, out Datagram datagram)
    {
        datagram = default;
        var ip = packet.Extract<IPPacket>();
        if (ip is null)
            return false;
        if (ip is IPv4Packet v4 && (v4.FragmentOffset != 0 || (v4.FragmentFlags & 0x1) != 0))
            return false; // fragments: reassembly is not this helper's job
        var meta = new PacketMeta
        {
            Capture = 0,
            Frame = frame,
            TimestampNs = (long)(raw.Timeval.Value * 1_000_000_000m),
            SourceIp = NetAddress.FromIPAddress(ip.SourceAddress),
            DestinationIp = NetAddress.FromIPAddress(ip.DestinationAddress),
        };
        if (ip.PayloadPacket is UdpPacket udp && udp.PayloadData is { } udpPayload)
        {
            meta.SourcePort = udp.SourcePort;
            meta.DestinationPort = udp.DestinationPort;
            meta.Transport = Transport.Udp;
            datagram = new Datagram(meta, udpPayload, false);
            return true;
        }
        if (ip.PayloadPacket is TcpPacket tcp && tcp.PayloadData is { Length: > 0 } tcpPayload)
        {
            meta.SourcePort = tcp.SourcePort;
            meta.DestinationPort = tcp.DestinationPort;
            meta.Transport = Transport.Tcp;
            datagram = new Datagram(meta, tcpPayload, true);
            return true;
        }
        return false;
    }
}
