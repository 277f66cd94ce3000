using PcapSipAnalyzer.Analyzer.Selection;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// --call-id where the call does not have its packets to itself, against tshark's equivalent display filter
/// (<see cref="SelectionComparison"/>): the same call repeated in one capture (the same Call-ID, ports and SSRCs, later
/// timestamps, as captures joined with <c>mergecap -a</c>), and SIP over TCP connections that carry many calls.
/// </summary>
public class CallSelectionOnSharedTrafficTests
{
    [Fact]
    public async Task A_call_repeated_in_one_capture_keeps_the_rtp_of_every_copy()
    {
        const string call = "1-2137@10.0.2.20";
        string capture = RepeatedCapture.Write(Fixtures.PublicFile("wireshark-wiki/sip-rtp-g726.pcap"), copies: 3);
        try
        {
            string sip = $"sip.Call-ID == \"{call}\"";
            var sdp = SelectionComparison.FrameSet(capture, sip + " && sdp");
            Assert.Equal(3 * 2, sdp.Split(',').Length); // an offer and an answer per copy
            var (_, result) = await SelectionComparison.AssertSameAs(capture, new PacketSelection { CallId = call },
                $"{sip} || rtp.setup-frame in {{{sdp}}} || rtcp.setup-frame in {{{sdp}}}", sip);
            // The copies share one stream (one 5-tuple and SSRC), from the first copy to the last.
            var stream = Assert.Single(result.RtpStreams);
            long perCopy = result.Captures[0].Summary.Packets / 3;
            Assert.Equal(result.Protocols.Rtp, stream.Statistics.Packets);
            Assert.InRange(stream.FirstFrame.Frame, 1, perCopy);
            Assert.InRange(stream.LastFrame.Frame, 2 * perCopy + 1, 3 * perCopy);
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [Fact]
    public async Task A_call_on_tcp_connections_shared_with_other_calls_keeps_only_the_segments_of_its_messages()
    {
        const string call = "17c0b3b3-dfd2-42ac-9018-6156179021c0";
        string capture = Fixtures.PublicFile("heplify/sip_ipv4_tcp_fragmented.pcap");
        string[] sipOn6060 = ["-d", "tcp.port==6060,sip"];
        string sip = $"sip.Call-ID == \"{call}\"";
        var rows = Tshark.Fields(capture, "sip", ["frame.number", "tcp.stream", "sip.Call-ID"], sipOn6060)
            .Select(r => (Frame: r[0], Stream: r[1], Calls: r[2].Split(','))).ToList();
        var frames = rows.Where(r => r.Calls.Contains(call)).Select(r => r.Frame).ToList();
        var streams = rows.Where(r => r.Calls.Contains(call)).Select(r => r.Stream).Distinct().ToList();
        // Without other calls' messages on the same connections the test would prove nothing.
        Assert.Contains(rows, r => streams.Contains(r.Stream) && !r.Calls.Contains(call));

        // tshark shows a message in the frame that completes it; the earlier segments name that frame in
        // tcp.reassembled_in (filled in by a second pass, -2). The segments without payload are the connection's.
        var (kept, result) = await SelectionComparison.AssertSameAs(capture, new PacketSelection { CallId = call },
            $"{sip} || tcp.reassembled_in in {{{string.Join(",", frames)}}} || (tcp.stream in {{{string.Join(",", streams)}}} && tcp.len == 0)",
            sip, ["-2", .. sipOn6060]);
        Assert.Equal(frames.Count, result.Protocols.Sip);
        Assert.True(kept < result.Captures[0].Summary.Packets / 2, $"kept {kept} of {result.Captures[0].Summary.Packets}: whole connections again?");
    }
}
