using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// A pcapng file may bring up to 1 024 capture points (one per interface). The console listed each on a line of
/// its own, 117 KB for the interface-call-ids flood; it now lists the first ones and sums the rest in one line,
/// while the JSON report still has every point.
/// </summary>
public class ManyInterfacesReportTests
{
    private const int Interfaces = 40;

    [Fact]
    public void ConsoleListsTheFirstPointsAndSumsTheOthersInOneLine()
    {
        var (run, report) = CraftedCapture.Analyze(Capture(), "router.pcapng");

        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int header = lines.IndexOf("Capture points");
        Assert.True(header >= 0, run.ToString());
        var section = lines.Skip(header + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        const int listed = Analyzer.Points.CorrelationConsole.ListedPoints;
        Assert.Equal(listed + 1, section.Count);
        Assert.StartsWith("  router#0 ", section[0], StringComparison.Ordinal);
        Assert.StartsWith($"  router#{listed - 1} ", section[listed - 1], StringComparison.Ordinal);
        var more = section[listed];
        Assert.StartsWith($"  … {Interfaces - listed} more points", more, StringComparison.Ordinal);
        // Each interface carried two frames, one of them SIP.
        Assert.Matches($@"\s{2 * (Interfaces - listed)} packets\s+SIP\s+{Interfaces - listed},", more);

        Assert.Equal(Interfaces, report.RootElement.GetProperty("points").GetArrayLength());
    }

    // Per interface an OPTIONS from a phone of its own and an ARP request; the interfaces interleave packet by packet.
    private static byte[] Capture()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapngWriter(stream, leaveOpen: true))
        {
            for (int i = 0; i < Interfaces; i++)
                writer.AddInterface(new CaptureInterface { Id = i, LinkType = 1, SnapLength = 262144 });
            long time = SyntheticCapture.StartNs;
            for (int round = 0; round < 2; round++)
                for (int i = 0; i < Interfaces; i++)
                {
                    byte[] frame = round == 0 ? Options(i) : Ethernet(0x0806, new byte[28]);
                    writer.WritePacket(i, time += SyntheticCapture.SpacingNs, frame, frame.Length);
                }
        }
        return stream.ToArray();
    }

    private static byte[] Options(int phone)
    {
        string address = $"10.1.{phone / 200}.{phone % 200 + 20}";
        return Ethernet(0x0800, Ipv4(17, address, "10.9.8.7", Udp(5060, 5060, Ascii(
            $"OPTIONS sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP {address}:5060;branch=z9hG4bKmany{phone}\r\n" +
            $"From: <sip:{phone}@pbx>;tag={phone}\r\nTo: <sip:pbx>\r\nCall-ID: many-{phone}@{address}\r\n" +
            "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"))));
    }
}
