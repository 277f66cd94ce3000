using PcapSipAnalyzer.Analyzer.Reports.Html;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// A call through a PBX drawn as a ladder: the caller's leg, the leg the PBX forwards to the callee (the same
/// Call-ID), and a BYE the PBX sends the caller when the callee hangs up. Each arrow goes from the host that sent the
/// message to the one it was sent to; before, every request was drawn from the caller to the PBX.
/// </summary>
public class LadderDirectionTests
{
    private const string Caller = "10.0.1.20", Pbx = "10.0.0.10", Callee = "10.0.1.22";
    private const long MsNs = 1_000_000;

    [Fact]
    public async Task Every_message_goes_from_its_sender_to_its_receiver()
    {
        ushort id = 1;
        long t = SyntheticCapture.StartNs;
        var frames = new List<(long, byte[])>
        {
            (t, Udp(Caller, Pbx, Request("INVITE", "b1", 1, "c", ""), ref id)),
            (t + 1 * MsNs, Udp(Pbx, Callee, Request("INVITE", "b2", 1, "c", "", via: Pbx), ref id)),
            (t + 2 * MsNs, Udp(Callee, Pbx, Response(200, "INVITE", "b2", 1, via: Pbx), ref id)),
            (t + 3 * MsNs, Udp(Pbx, Caller, Response(200, "INVITE", "b1", 1), ref id)),
            (t + 4 * MsNs, Udp(Caller, Pbx, Request("ACK", "b3", 1, "c", "s"), ref id)),
            (t + 5 * MsNs, Udp(Pbx, Callee, Request("ACK", "b4", 1, "c", "s", via: Pbx), ref id)),
            // The callee hangs up: the PBX sends the caller a BYE, which the caller answers.
            (t + 2000 * MsNs, Udp(Callee, Pbx, Request("BYE", "b5", 2, "s", "c", via: Callee), ref id)),
            (t + 2001 * MsNs, Udp(Pbx, Caller, Request("BYE", "b6", 2, "s", "c", via: Pbx), ref id)),
            (t + 2002 * MsNs, Udp(Caller, Pbx, Response(200, "BYE", "b6", 2, via: Pbx), ref id)),
            (t + 2003 * MsNs, Udp(Pbx, Callee, Response(200, "BYE", "b5", 2, via: Callee), ref id)),
        };
        var (ladder, transactions) = await LadderOf(frames);
        Assert.True(transactions >= 4, $"{transactions} transactions");
        int Column(string host) => ColumnOf(ladder, host);
        int callee = Column(Callee), caller = Column(Caller), pbx = Column(Pbx);
        Assert.Equal([0, 1, ladder.Stops.Count - 1], new[] { callee, caller, pbx });
        Assert.Equal(caller, LadderStop.ClientColumn(ladder.Stops));

        // Each arrow's frame says who sent it: the frames above, in order, are frames 1 to 10.
        var expected = new Dictionary<string, (int From, int To)>
        {
            ["0:1"] = (caller, pbx), ["0:2"] = (pbx, callee), ["0:3"] = (callee, pbx), ["0:4"] = (pbx, caller),
            ["0:5"] = (caller, pbx), ["0:6"] = (pbx, callee), ["0:7"] = (callee, pbx), ["0:8"] = (pbx, caller),
            ["0:9"] = (caller, pbx), ["0:10"] = (pbx, callee),
        };
        var sip = ladder.Arrows.Where(a => a.Kind is "request" or "response" or "ack").ToList();
        Assert.Equal(expected.Keys.Order(), sip.SelectMany(a => a.Frames).Order());
        foreach (var arrow in sip)
            Assert.True(expected[arrow.Frames.Single()] == ((int)arrow.From, (int)arrow.To),
                $"{arrow.Label} (frame {arrow.Frames.Single()}) drawn from {arrow.From} to {arrow.To}");
    }

    /// <summary>
    /// A leg between two hosts the caller's leg never named (an SBC's inner leg with the same Call-ID): one of them
    /// stands left of the client and the other right of the server, so its arrows cross the lane that saw them.
    /// </summary>
    [Fact]
    public async Task A_leg_between_two_other_hosts_crosses_the_lanes()
    {
        const string Inner = "10.0.2.5", Far = "10.0.3.7";
        ushort id = 1;
        long t = SyntheticCapture.StartNs;
        var frames = new List<(long, byte[])>
        {
            (t, Udp(Caller, Pbx, Request("INVITE", "b1", 1, "c", ""), ref id)),
            (t + 1 * MsNs, Udp(Inner, Far, Request("INVITE", "b2", 1, "c", "", via: Inner), ref id)),
            (t + 2 * MsNs, Udp(Far, Inner, Response(200, "INVITE", "b2", 1, via: Inner), ref id)),
            (t + 3 * MsNs, Udp(Pbx, Caller, Response(200, "INVITE", "b1", 1), ref id)),
        };
        var (ladder, _) = await LadderOf(frames);
        int Column(string host) => ColumnOf(ladder, host);
        int lane = ladder.Stops.ToList().FindIndex(s => s.IsPoint);
        Assert.True(Column(Inner) < Column(Caller) && Column(Caller) < lane && lane < Column(Pbx) && Column(Pbx) < Column(Far),
            string.Join(" | ", ladder.Stops.Select(s => s.Name)));
        Assert.Equal(Column(Pbx), LadderStop.ServerColumn(ladder.Stops));
        var invite = Assert.Single(ladder.Arrows, a => a.Frames.Single() == "0:2");
        Assert.Equal((Column(Inner), Column(Far)), ((int)invite.From, (int)invite.To));
        var answer = Assert.Single(ladder.Arrows, a => a.Frames.Single() == "0:3");
        Assert.Equal((Column(Far), Column(Inner)), ((int)answer.From, (int)answer.To));
        Assert.Equal([lane], invite.SeenAt);
    }

    // The call's ladder from its transactions in time order, and how many transactions it was made of.
    private static async Task<(Ladder Ladder, int Transactions)> LadderOf(List<(long, byte[])> frames)
    {
        var result = await SyntheticAnalysis.RunAsync(frames);
        var transactions = result.Points.SelectMany(p => p.Sip.Transactions).Where(x => x.CallId == "call-1").OrderBy(x => x.FirstRequestNs).ToList();
        return (new LadderBuilder(result).Build("call", transactions), transactions.Count);
    }

    private static int ColumnOf(Ladder ladder, string host) => ladder.Stops.ToList().FindIndex(s => s.Endpoint == host + ":5060");

    private static byte[] Udp(string from, string to, string payload, ref ushort id) =>
        Ethernet(0x0800, Ipv4(17, from, to, PacketBuilder.Udp(5060, 5060, Ascii(payload)), id++));

    // The caller's tag is "c", the callee's "s"; Via names the sender (the caller unless said).
    private static string Request(string method, string branch, int cseq, string fromTag, string toTag, string via = Caller) =>
        $"{method} sip:x@{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {via}:5060;branch=z9hG4bK-{branch}\r\n" +
        $"From: <sip:a@{Pbx}>;tag={fromTag}\r\nTo: <sip:b@{Pbx}>{(toTag.Length > 0 ? ";tag=" + toTag : "")}\r\n" +
        $"Call-ID: call-1\r\nCSeq: {cseq} {method}\r\nContact: <sip:a@{via}:5060>\r\nContent-Length: 0\r\n\r\n";

    private static string Response(int status, string method, string branch, int cseq, string via = Caller) =>
        $"SIP/2.0 {status} OK\r\nVia: SIP/2.0/UDP {via}:5060;branch=z9hG4bK-{branch}\r\n" +
        $"From: <sip:a@{Pbx}>;tag=c\r\nTo: <sip:b@{Pbx}>;tag=s\r\nCall-ID: call-1\r\nCSeq: {cseq} {method}\r\n" +
        $"Contact: <sip:b@{via}:5060>\r\nContent-Length: 0\r\n\r\n";
}
