using SharpPcap;
using SharpPcap.LibPcap;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>One packet as libpcap (through SharpPcap) reads it: the reference for capture-level tests.</summary>
public sealed record LibpcapPacket(int LinkType, byte[] Data, int OriginalLength, long TimestampNs);

/// <summary>Reads a whole capture file with libpcap, SharpPcap's <see cref="CaptureFileReaderDevice"/>.</summary>
public static class LibpcapCapture
{
    /// <summary>True when libpcap opens the file (it cannot read gzip, snoop, NetMon or mixed link types).</summary>
    public static bool CanRead(string path)
    {
        try
        {
            using var device = new CaptureFileReaderDevice(path);
            device.Open();
            return true;
        }
        catch (PcapException)
        {
            return false;
        }
    }

    public static List<LibpcapPacket> ReadAll(string path)
    {
        using var device = new CaptureFileReaderDevice(path);
        device.Open();
        int linkType = (int)device.LinkType;
        var packets = new List<LibpcapPacket>();
        while (device.GetNextPacket(out PacketCapture capture) == GetPacketStatus.PacketRead)
        {
            var raw = capture.GetPacket();
            // Unchecked: tcpdump's timestamp_invalid_* files hold times no long of nanoseconds can represent.
            long timestampNs = unchecked((long)raw.Timeval.Seconds * 1_000_000_000L + (long)raw.Timeval.MicroSeconds * 1000L);
            packets.Add(new LibpcapPacket(linkType, raw.Data, raw.PacketLength, timestampNs));
        }
        return packets;
    }
}
