using SharpPcap;
using SharpPcap.LibPcap;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>Reads a capture with libpcap (through SharpPcap) at nanosecond precision: the reader's oracle.</summary>
internal static class LibpcapReference
{
    /// <summary>All packets, or null when libpcap cannot open the file or stops with an error.</summary>
    public static List<ReferencePacket>? Read(string path)
    {
        try
        {
            using var device = new CaptureFileReaderDevice(path);
            device.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
            var packets = new List<ReferencePacket>();
            while (true)
            {
                var status = device.GetNextPacket(out PacketCapture capture);
                if (status == GetPacketStatus.NoRemainingPackets)
                {
                    return packets;
                }

                if (status != GetPacketStatus.PacketRead)
                {
                    return null;
                }

                var header = (PcapHeader)capture.Header;
                if (header.Timeval.Seconds > long.MaxValue)
                {
                    // libpcap keeps pcap seconds as a signed 32-bit value; Wireshark (and we) read them
                    // unsigned, so dates after 2038 must be checked against tshark.
                    return null;
                }

                // Value is seconds with the fraction at the opened (ns) precision, as an exact decimal.
                decimal ns = header.Timeval.Value * 1_000_000_000m;
                if (ns > long.MaxValue)
                {
                    // A fraction field beyond one second (tcpdump's timestamp_invalid_*): SharpPcap's
                    // conversion wraps it; tshark shows what the file holds.
                    return null;
                }

                packets.Add(new ReferencePacket((long)ns, (int)header.CaptureLength, (int)header.PacketLength, capture.Data.ToArray()));
            }
        }
        catch (PcapException)
        {
            return null;
        }
    }
}
