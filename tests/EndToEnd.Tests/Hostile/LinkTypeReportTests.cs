using System.Text.Json;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.LinkFrames;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// A capture of a link type the decoder does not read once gave 0 SIP messages and no word why. Now the SIP in
/// an ERF capture is found, and what cannot be read is a console WARNING and a link-type-not-decoded anomaly
/// naming each link type with its packets.
/// </summary>
public class LinkTypeReportTests
{
    private static byte[] Sip(string firstLine, string from, string to, ushort sourcePort, ushort destinationPort) =>
        Ethernet(0x0800, Ipv4(17, from, to, Udp(sourcePort, destinationPort, Ascii(
            firstLine + "\r\nVia: SIP/2.0/UDP 10.1.2.3:5062;branch=z9hG4bKerf1\r\nFrom: <sip:100@pbx>;tag=1\r\n" +
            "To: <sip:100@pbx>\r\nCall-ID: erf@10.1.2.3\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n"))));

    [Fact]
    public void SipInErfIsCountedAndUndecodedLinkTypesAreNamedWithTheirPackets()
    {
        var interfaces = new (int LinkType, byte[][] Frames)[]
        {
            (197, [
                Erf(2, ErfEthernet(Sip("REGISTER sip:pbx SIP/2.0", "10.1.2.3", "10.9.8.7", 5062, 5060)), extensions: 1),
                Erf(2, ErfEthernet(Sip("SIP/2.0 200 OK", "10.9.8.7", "10.1.2.3", 5060, 5062))),
                Erf(3, new byte[52]), // an ATM cell: ERF, but no IP to read
            ]),
            (147, [new byte[60], new byte[60]]), // USER0: private, nobody can say what it carries
        };
        byte[] capture = Pcapng(interfaces);

        var (run, report) = CraftedCapture.Analyze(capture, "linktypes.pcapng");

        var sip = report.RootElement.GetProperty("sip");
        Assert.Equal(1, sip.GetProperty("requests").GetProperty("REGISTER").GetInt64());
        Assert.Equal(1, sip.GetProperty("responses").GetProperty("200").GetInt64());
        var anomaly = report.RootElement.GetProperty("anomalies").GetProperty("link-type-not-decoded");
        Assert.Equal(3, anomaly.GetProperty("count").GetInt64());
        var linkTypes = anomaly.GetProperty("link_types").EnumerateArray()
            .Select(e => (e.GetProperty("link_type").GetInt32(), e.GetProperty("name").GetString(), e.GetProperty("packets").GetInt64()))
            .ToList();
        Assert.Equal([(197, "ERF", 1L), (147, "USER0", 2L)], linkTypes);
        Assert.Contains("WARNING: link type 147 (USER0) is not decoded: 2 packets", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("WARNING: link type 197 (ERF) is not decoded: 1 packet counted", run.Stdout, StringComparison.Ordinal);
    }

    private static byte[] Pcapng((int LinkType, byte[][] Frames)[] interfaces)
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapngWriter(stream, leaveOpen: true))
        {
            long time = SyntheticCapture.StartNs;
            for (int i = 0; i < interfaces.Length; i++)
                writer.AddInterface(new CaptureInterface { Id = i, LinkType = interfaces[i].LinkType, SnapLength = 262144 });
            for (int i = 0; i < interfaces.Length; i++)
            {
                foreach (var frame in interfaces[i].Frames)
                    writer.WritePacket(i, time += SyntheticCapture.SpacingNs, frame, frame.Length);
            }
        }
        return stream.ToArray();
    }
}
