using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.Analyzer.Tests.Reassembly.TcpTestConnection;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// The real TCP fixtures cut again: every segment split into random pieces, some pieces sent twice, some
/// pairs swapped. The messages that come out must be the ones the original segmentation gives, each once.
/// </summary>
public class TcpFixtureResegmentationTests
{
    [Theory]
    [InlineData("public/heplify/sip_ipv4_tcp_fragmented.pcap")]
    [InlineData("public/heplify/sip_ipv4_tcp.pcap")]
    [InlineData("public/suricata-verify/sip-body-large/sip-body-large.pcap")]
    [InlineData("public/suricata-verify/sip-tcp-method/sip-tcp.pcap")]
    [InlineData("lab/tcp-segments/pbx-uplink.pcap")]
    public void RecutRetransmittedAndReorderedSegmentsGiveTheSameMessages(string fixture)
    {
        var packets = FixturePackets.Read(Fixtures.PathOf(fixture)).Where(p => p.IsTcp).ToList();
        var original = TcpFixtureFeed.Run(fixture);
        var expected = original.MessagesByFrame.Values.SelectMany(m => m).Select(m => (m.CallId, m.CSeq, m.Method, m.StatusCode)).ToList();
        Assert.NotEmpty(expected);

        var random = new Random(42);
        var recut = new TcpFixtureFeed();
        foreach (var packet in packets)
        {
            var pieces = Cut(packet, random);
            for (int i = 0; i < pieces.Count; i++)
            {
                if (i + 1 < pieces.Count && random.Next(6) == 0)
                {
                    (pieces[i], pieces[i + 1]) = (pieces[i + 1], pieces[i]); // out of order
                }
                recut.Feed(pieces[i].Packet, pieces[i].Payload);
                if (random.Next(8) == 0) recut.Feed(pieces[i].Packet, pieces[i].Payload); // retransmitted
            }
        }
        recut.Reassembler.Complete();
        var actual = recut.MessagesByFrame.Values.SelectMany(m => m).Select(m => (m.CallId, m.CSeq, m.Method, m.StatusCode)).ToList();
        Assert.Equal(expected.Order(), actual.Order());
        Assert.True(recut.Reassembler.Counters.RetransmittedSegments > 0);
        Assert.True(recut.Reassembler.Counters.OutOfOrderSegments > 0);
    }

    private static List<(FixturePacket Packet, byte[] Payload)> Cut(FixturePacket packet, Random random)
    {
        var pieces = new List<(FixturePacket, byte[])>();
        var payload = packet.Payload;
        if (payload.Length < 2)
        {
            pieces.Add((packet, payload));
            return pieces;
        }
        for (int at = 0; at < payload.Length;)
        {
            int length = Math.Min(payload.Length - at, random.Next(1, 400));
            var frame = packet.Frame;
            frame.TcpSequence = unchecked(packet.Frame.TcpSequence + (uint)at);
            // SYN/FIN belong to the first/last piece only.
            if (at > 0) frame.TcpFlags &= unchecked((byte)~Syn);
            if (at + length < payload.Length) frame.TcpFlags &= unchecked((byte)~Fin);
            pieces.Add((packet with { Frame = frame }, payload[at..(at + length)]));
            at += length;
        }
        return pieces;
    }
}
