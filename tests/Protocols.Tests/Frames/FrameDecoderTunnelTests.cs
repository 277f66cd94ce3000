using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>
/// Tunnelled SIP (IP in IP, GRE+PPP, GRE transparent bridging) is decoded down to the inner packet: every
/// frame where tshark sees a second network layer inside the first is flagged Tunnel, and its inner UDP/TCP
/// ports are tshark's innermost ones (the field-by-field check is in FrameDecoderTsharkTests).
/// </summary>
public class FrameDecoderTunnelTests
{
    [Theory]
    [InlineData("sngrep/ipip.pcap", ":ip:ip:")]
    [InlineData("nDPI/gre.pcapng", ":gre:ppp:ip:")]
    [InlineData("heplify/erspan_sip_ipv4_udp.pcapng", ":gre:eth:")]
    public void TunnelledFramesAreDecodedToTheInnerPacket(string file, string tunnelMarker)
    {
        string path = Fixtures.PublicFile(file);
        var packets = LibpcapCapture.ReadAll(path);
        var rows = Tshark.Fields(path, [], "frame.protocols", "udp.dstport", "tcp.dstport");
        Assert.Equal(packets.Count, rows.Count);
        var frame = new DecodedFrame();
        int tunnelled = 0;
        for (int i = 0; i < packets.Count; i++)
        {
            FrameDecoder.Decode(packets[i].LinkType, packets[i].Data, ref frame);
            bool expected = rows[i][0].Contains(tunnelMarker, StringComparison.Ordinal);
            Assert.True(expected == frame.Has(FrameLayers.Tunnel), $"frame {i + 1}: {rows[i][0]}");
            if (!expected)
                continue;
            tunnelled++;
            string port = frame.Has(FrameLayers.Udp) ? rows[i][1] : rows[i][2];
            Assert.Equal(port.Split(',')[^1], frame.DestinationPort.ToString());
        }
        Assert.True(tunnelled > 0);
    }
}
