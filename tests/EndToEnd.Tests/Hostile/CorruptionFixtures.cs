namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>The fixtures the corruption suite damages: every container variant plus lab captures with SIP, RTP and TCP.</summary>
public static class CorruptionFixtures
{
    public static readonly string[] Structured =
    [
        "lab/healthy/pbx-uplink.pcap",                                      // pcap LE µs: SIP UDP/TCP + RTP
        "public/PcapPlusPlus/microsecs_big_endian.pcap",                    // pcap BE µs
        "public/PcapPlusPlus/nanosecs_big_endian.pcap",                     // pcap BE ns
        "public/pcapng-test-generator/output_le/difficult/test202.pcapng",  // pcapng LE, 3 sections of mixed byte order
        "public/pcapng-test-generator/output_be/difficult/test202.pcapng",  // pcapng BE, 3 sections of mixed byte order
        "public/pcapng-test-generator/output_be/difficult/test201.pcapng",  // pcapng BE, 3 sections, ISBs, SPB
        "lab/healthy/router1.pcapng",                                       // pcapng, 2 interfaces
        "lab/wrong-gateway-drop/pbx-uplink.pcap",                           // the field case
        "lab/tcp-segments/pbx-uplink.pcap",                                 // SIP over TCP segments
        "lab/auth-answer-lost/router1.pcapng",
    ];

    public static readonly string[] Gzip =
    [
        "public/wireshark-wiki/vlan.cap.gz",
        "public/wireshark-wiki/h223-over-rtp.pcap.gz",
    ];

    public static IEnumerable<object[]> StructuredRows() => Structured.Select(f => new object[] { f });

    public static IEnumerable<object[]> PcapngRows() => Structured.Where(f => f.EndsWith(".pcapng", StringComparison.Ordinal)).Select(f => new object[] { f });

    public static IEnumerable<object[]> PcapRows() => Structured.Where(f => f.EndsWith(".pcap", StringComparison.Ordinal)).Select(f => new object[] { f });

    public static IEnumerable<object[]> GzipRows() => Gzip.Select(f => new object[] { f });

    /// <summary>A few packet records spread over the file (first, middle, last and two in between).</summary>
    public static List<CaptureRecord> SpreadPacketRecords(CaptureOriginal original)
    {
        var packets = original.PacketRecords.ToList();
        if (packets.Count == 0) return packets;
        int[] picks = [0, packets.Count / 4, packets.Count / 2, 3 * packets.Count / 4, packets.Count - 1];
        return picks.Distinct().Select(i => packets[i]).ToList();
    }
}
