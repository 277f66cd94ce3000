using System.Buffers.Binary;
using System.IO.Compression;
using PacketDotNet;
using PcapSipAnalyzer.Protocols.Frames;
using SharpPcap;
using SharpPcap.LibPcap;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// Reads the UDP and TCP packets of a capture with SharpPcap and PacketDotNet, so tests of the SIP side
/// do not depend on our own reader and decoder. Handles what the fixtures need beyond PacketDotNet:
/// gzip files, IP-in-IP, and IPv4/IPv6 fragment reassembly (kept deliberately simple: in-order, no overlaps).
/// </summary>
public static class FixturePackets
{
    public static List<FixturePacket> Read(string path)
    {
        string file = path.EndsWith(".gz", StringComparison.Ordinal) ? Gunzip(path) : path;
        var packets = new List<FixturePacket>();
        var fragments = new Dictionary<(string, string, uint), Datagram>();
        using var device = new CaptureFileReaderDevice(file);
        device.Open();
        long frame = 0;
        while (device.GetNextPacket(out PacketCapture capture) == GetPacketStatus.PacketRead)
        {
            frame++;
            var raw = capture.GetPacket();
            long ns = unchecked((long)raw.Timeval.Seconds * 1_000_000_000L + (long)raw.Timeval.MicroSeconds * 1_000L);
            byte[]? ipBytes = IpBytes(raw);
            if (ipBytes is null) continue;
            var packet = FromIp(frame, ns, ipBytes, fragments, depth: 0);
            if (packet is not null) packets.Add(packet);
        }
        return packets;
    }

    /// <summary>
    /// The IP packet of a frame: raw-IP link types (LINKTYPE_RAW 101, IPV4 228, IPV6 229, DLT 12/14) are the
    /// IP packet itself (PacketDotNet does not know 228/229); everything else goes through PacketDotNet.
    /// </summary>
    private static byte[]? IpBytes(RawCapture raw)
    {
        if ((int)raw.LinkLayerType is 101 or 228 or 229 or 12 or 14) return raw.Data;
        try
        {
            return Packet.ParsePacket(raw.LinkLayerType, raw.Data).Extract<IPPacket>()?.Bytes;
        }
        catch (Exception)
        {
            return null; // PacketDotNet gave up on this frame (fuzzed headers): nothing the SIP tests need.
        }
    }

    private static FixturePacket? FromIp(long frame, long ns, byte[] ipBytes, Dictionary<(string, string, uint), Datagram> fragments, int depth)
    {
        if (ipBytes.Length < 20 || depth > 2) return null;
        var decoded = new DecodedFrame();
        int version = ipBytes[0] >> 4;
        byte protocol;
        byte[] payload;
        if (version == 4)
        {
            int ihl = (ipBytes[0] & 0xF) * 4;
            int total = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(ipBytes.AsSpan(2)), ipBytes.Length);
            if (ihl < 20 || total < ihl) return null;
            decoded.Layers |= FrameLayers.Ipv4;
            decoded.SourceIp = NetAddress.FromV4(ipBytes.AsSpan(12, 4));
            decoded.DestinationIp = NetAddress.FromV4(ipBytes.AsSpan(16, 4));
            decoded.Ttl = ipBytes[8];
            decoded.IpId = BinaryPrimitives.ReadUInt16BigEndian(ipBytes.AsSpan(4));
            protocol = ipBytes[9];
            payload = ipBytes[ihl..total];
            ushort flagsOffset = BinaryPrimitives.ReadUInt16BigEndian(ipBytes.AsSpan(6));
            bool more = (flagsOffset & 0x2000) != 0;
            int offset = (flagsOffset & 0x1FFF) * 8;
            if (more || offset > 0)
            {
                payload = Defragment(fragments, (decoded.SourceIp.ToString(), decoded.DestinationIp.ToString(), decoded.IpId), offset, more, payload)!;
                if (payload is null) return null;
            }
        }
        else if (version == 6 && ipBytes.Length >= 40)
        {
            decoded.Layers |= FrameLayers.Ipv6;
            decoded.SourceIp = NetAddress.FromV6(ipBytes.AsSpan(8, 16));
            decoded.DestinationIp = NetAddress.FromV6(ipBytes.AsSpan(24, 16));
            decoded.Ttl = ipBytes[7];
            int end = Math.Min(40 + BinaryPrimitives.ReadUInt16BigEndian(ipBytes.AsSpan(4)), ipBytes.Length);
            protocol = ipBytes[6];
            int at = 40;
            // Hop-by-hop, routing and destination options, then possibly a fragment header.
            while (protocol is 0 or 43 or 60 && at + 8 <= end)
            {
                protocol = ipBytes[at];
                at += (ipBytes[at + 1] + 1) * 8;
            }
            if (protocol == 44 && at + 8 <= end)
            {
                ushort flagsOffset = BinaryPrimitives.ReadUInt16BigEndian(ipBytes.AsSpan(at + 2));
                uint id = BinaryPrimitives.ReadUInt32BigEndian(ipBytes.AsSpan(at + 4));
                protocol = ipBytes[at];
                var piece = ipBytes[(at + 8)..end];
                payload = Defragment(fragments, (decoded.SourceIp.ToString(), decoded.DestinationIp.ToString(), id), flagsOffset & 0xFFF8, (flagsOffset & 1) != 0, piece)!;
                if (payload is null) return null;
            }
            else
            {
                if (at > end) return null;
                payload = ipBytes[at..end];
            }
        }
        else
        {
            return null;
        }
        if (protocol is 4 or 41) return FromIp(frame, ns, payload, fragments, depth + 1); // IP-in-IP
        if (protocol == 47) return Gre(payload) is { } inner ? FromIp(frame, ns, inner, fragments, depth + 1) : null;
        return FromTransport(frame, ns, decoded, protocol, payload);
    }

    /// <summary>
    /// The IP packet inside GRE (RFC 2784/2890, and PPTP's enhanced GRE): straight IP, Ethernet (TEB 0x6558),
    /// ERSPAN II (0x88BE, an 8-byte header before Ethernet) or PPP (0x880B).
    /// </summary>
    private static byte[]? Gre(byte[] gre)
    {
        if (gre.Length < 4) return null;
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(gre);
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(gre.AsSpan(2));
        int at = 4;
        if ((flags & 0xC000) != 0) at += 4; // checksum (+ offset)
        if ((flags & 0x2000) != 0) at += 4; // key (payload length + call id in enhanced GRE)
        if ((flags & 0x1000) != 0) at += 4; // sequence
        if ((flags & 0x0007) == 1 && (flags & 0x0080) != 0) at += 4; // enhanced GRE acknowledgment
        if (at >= gre.Length) return null;
        var rest = gre[at..];
        switch (type)
        {
            case 0x0800 or 0x86DD: return rest;
            case 0x6558: return EthernetPayload(rest);
            case 0x88BE: return rest.Length > 8 ? EthernetPayload(rest[8..]) : null;
            case 0x880B:
                int p = rest.Length >= 2 && rest[0] == 0xFF && rest[1] == 0x03 ? 2 : 0;
                if (p < rest.Length && (rest[p] & 1) == 1) return rest[(p + 1)..]; // compressed protocol field
                return p + 2 <= rest.Length && BinaryPrimitives.ReadUInt16BigEndian(rest.AsSpan(p)) is 0x0021 or 0x0057 ? rest[(p + 2)..] : null;
            default: return null;
        }
    }

    private static byte[]? EthernetPayload(byte[] ethernet)
    {
        try
        {
            return Packet.ParsePacket(LinkLayers.Ethernet, ethernet).Extract<IPPacket>()?.Bytes;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static FixturePacket? FromTransport(long frame, long ns, DecodedFrame decoded, byte protocol, byte[] segment)
    {
        if (protocol == 17 && segment.Length >= 8)
        {
            decoded.Layers |= FrameLayers.Udp;
            decoded.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
            decoded.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(2));
            int udpLength = BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(4));
            int end = udpLength >= 8 && udpLength <= segment.Length ? udpLength : segment.Length;
            var payload = segment[8..end];
            decoded.PayloadLength = payload.Length;
            return new FixturePacket(frame, ns, decoded, payload);
        }
        if (protocol == 6 && segment.Length >= 20)
        {
            int headerLength = (segment[12] >> 4) * 4;
            if (headerLength < 20 || headerLength > segment.Length) return null;
            decoded.Layers |= FrameLayers.Tcp;
            decoded.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
            decoded.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(2));
            decoded.TcpSequence = BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(4));
            decoded.TcpAcknowledgment = BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(8));
            decoded.TcpFlags = segment[13];
            decoded.TcpWindow = BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(14));
            var payload = segment[headerLength..];
            decoded.PayloadLength = payload.Length;
            return new FixturePacket(frame, ns, decoded, payload);
        }
        return null;
    }

    /// <summary>Fragments of one datagram so far; <see cref="Total"/> is known once the last one came.</summary>
    private sealed class Datagram
    {
        public readonly SortedList<int, byte[]> Pieces = new();
        public int Total = -1;
    }

    /// <summary>Collects fragments; returns the whole IP payload when a piece completes it, else null.</summary>
    private static byte[]? Defragment(Dictionary<(string, string, uint), Datagram> table, (string, string, uint) key, int offset, bool more, byte[] piece)
    {
        if (!table.TryGetValue(key, out var datagram)) table[key] = datagram = new Datagram();
        datagram.Pieces[offset] = piece;
        if (!more) datagram.Total = offset + piece.Length;
        if (datagram.Total < 0) return null;
        int covered = 0;
        foreach (var (at, bytes) in datagram.Pieces)
        {
            if (at > covered) return null;
            covered = Math.Max(covered, at + bytes.Length);
        }
        if (covered < datagram.Total) return null;
        table.Remove(key);
        var whole = new byte[datagram.Total];
        foreach (var (at, bytes) in datagram.Pieces) bytes.AsSpan(0, Math.Min(bytes.Length, whole.Length - at)).CopyTo(whole.AsSpan(at));
        return whole;
    }

    private static string Gunzip(string path)
    {
        string target = ScratchFiles.Create("pcapsip-gunzip", ".pcap");
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = File.Create(target);
        input.CopyTo(output);
        return target;
    }
}
