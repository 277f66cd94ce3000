using System.Globalization;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>
/// Reads a capture with tshark where libpcap cannot. frame.time_epoch is parsed as a decimal string, never
/// as a float (a double cannot hold ns since 1970 exactly). Records without an interface id are pcapng
/// blocks tshark shows as frames but that hold no packet (custom blocks, system events); they are left out.
/// </summary>
internal static class TsharkReference
{
    /// <summary>All packets, or null when tshark reads no packet and reports an error.</summary>
    public static List<ReferencePacket>? Read(string path, bool pcapng)
    {
        var result = Tshark.Run("-r", path, "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.cap_len", "-e", "frame.len",
            "-e", "frame.interface_id");
        var packets = new List<ReferencePacket>();
        foreach (string line in result.Output.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split('\t');
            if (pcapng && fields[3].Length == 0)
            {
                continue;
            }

            packets.Add(new ReferencePacket(ParseEpoch(fields[0]), int.Parse(fields[1], CultureInfo.InvariantCulture),
                int.Parse(fields[2], CultureInfo.InvariantCulture), null));
        }

        return packets.Count == 0 && result.ExitCode != 0 ? null : packets;
    }

    /// <summary>"1340954905.298858000" → ns; empty (a packet without timestamp, e.g. an SPB) → 0.</summary>
    public static long ParseEpoch(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        bool negative = text.StartsWith('-');
        string[] parts = text.TrimStart('-').Split('.');
        long seconds = long.Parse(parts[0], CultureInfo.InvariantCulture);
        // tshark prints the ns with %09d: more than 9 digits is a fraction field of a second or more.
        string fraction = parts.Length > 1 ? parts[1].PadRight(9, '0') : "0";
        long nanoseconds = long.Parse(fraction, CultureInfo.InvariantCulture);
        if (negative && fraction.Length > 9)
        {
            // A negative ns field (an invalid fraction of 2^31 or more): Wireshark puts its minus sign in
            // front of the whole number, but only the ns field is negative.
            return seconds * 1_000_000_000 - nanoseconds;
        }

        long ns = seconds * 1_000_000_000 + nanoseconds;
        return negative ? -ns : ns;
    }
}
