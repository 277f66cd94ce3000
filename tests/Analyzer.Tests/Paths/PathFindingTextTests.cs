using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Paths.Text;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// The templates on hand-built evidence: a REGISTER from 192.168.1.20 that came in via router 192.168.0.1 and
/// whose 401 left toward 192.168.0.254. Each kind's words name what its evidence holds, and nothing else.
/// </summary>
public class PathFindingTextTests
{
    private const string Client = "192.168.1.20:5060";
    private static readonly NextHop RightRouter = Hop("192.168.0.1", "02:a0:00:00:00:01");
    private static readonly NextHop WrongRouter = Hop("192.168.0.254", "02:a0:00:00:00:fe");

    private static NextHop Hop(string ip, string mac) => new()
    {
        Segment = default, Mac = MacAddress.Parse(mac), Addresses = [NetAddress.Parse(ip)], IsRouter = true,
    };

    private static TransactionPath Register(NextHop responseHop, ResponseDelivery delivery, bool answered = true, bool authenticated = false)
    {
        var t = new Transaction { Method = "REGISTER", CallId = "reg-1", CSeq = 2, FirstFrame = new FrameRef(0, 9) };
        t.Client = Client;
        t.Server = "192.168.0.10:5060";
        t.RequestCount = 4;
        t.FirstRequestNs = 1_000_000_000;
        t.Requests.Add(Message(9, 1_000_000_000, "192.168.1.20", "192.168.0.10", RightRouter.Mac));
        t.Requests.Add(Message(12, 8_500_000_000, "192.168.1.20", "192.168.0.10", RightRouter.Mac));
        if (authenticated) t.Credentials = new Protocols.Sip.SipCredentials { Username = "1001" };
        ResponseGroup? final = null;
        if (answered)
        {
            final = new ResponseGroup { Status = 401, Reason = "Unauthorized" };
            final.Messages.Add(Message(10, 1_010_000_000, "192.168.0.10", "192.168.1.20", responseHop.Mac));
            t.Responses.Add(final);
        }
        return new TransactionPath
        {
            Transaction = t, Side = PathSide.Server, RequestHop = RightRouter, ResponseHop = answered ? responseHop : null,
            Symmetric = responseHop == RightRouter, Delivery = delivery, FinalResponse = final,
            DeliveryEvidence = delivery == ResponseDelivery.NotDelivered ? "the client sent the REGISTER 3 more times after it" : "the client answered the challenge",
        };
    }

    private static TransactionMessage Message(long frame, long ns, string from, string to, MacAddress mac) => new()
    {
        Meta = new PacketMeta
        {
            Frame = frame, TimestampNs = ns, SourceIp = NetAddress.Parse(from), DestinationIp = NetAddress.Parse(to),
            SourcePort = 5060, DestinationPort = 5060, DestinationMac = mac,
        },
    };

    private static PathProblem Problem(FindingKind kind, params TransactionPath[] paths)
    {
        var p = new PathProblem(Client, kind);
        p.Paths.AddRange(paths);
        return p;
    }

    private static PathFindingContext Context(TransactionPath? registeredEarlier = null) =>
        new(new PathEvidence(), new PathAnalyzerOptions(), null, null,
            registeredEarlier is null ? new Dictionary<string, TransactionPath>() : new() { [Client] = registeredEarlier });

    [Fact]
    public void Wrong_gateway_names_both_next_hops_the_lost_status_and_the_route_to_fix()
    {
        var text = WrongGatewayText.Write(Problem(FindingKind.ResponseWrongGateway, Register(WrongRouter, ResponseDelivery.NotDelivered)), Context());
        Assert.Equal("Responses to 192.168.1.20:5060 leave toward router 192.168.0.254 (02:a0:00:00:00:fe), not the next hop its requests come from, and never reach it.", text.Summary);
        Assert.StartsWith("The REGISTER from 192.168.1.20:5060 came in from router 192.168.0.1 (02:a0:00:00:00:01); the registrar 192.168.0.10:5060 sent its 401 Unauthorized to router 192.168.0.254 (02:a0:00:00:00:fe), a different next hop, and the client sent the REGISTER 3 more times after it, so the 401 Unauthorized never reached it.", text.Explanation);
        Assert.Contains("The server's route back to 192.168.1.20 goes via 192.168.0.254 (02:a0:00:00:00:fe), while the client's traffic comes in via 192.168.0.1 (02:a0:00:00:00:01)", text.Explanation);
        Assert.Contains("not even the challenge", text.ClientSymptom);
    }

    [Fact]
    public void A_refresh_that_breaks_after_a_working_registration_is_told_as_such()
    {
        var earlier = Register(RightRouter, ResponseDelivery.Delivered);
        earlier.Transaction.FirstRequestNs = 1;
        var text = WrongGatewayText.Write(Problem(FindingKind.ResponseWrongGateway, Register(WrongRouter, ResponseDelivery.NotDelivered)), Context(earlier));
        Assert.StartsWith("The phone had registered at ", text.ClientSymptom);
        Assert.DoesNotContain("never even checked", text.ClientSymptom);
    }

    [Fact]
    public void A_lost_answer_to_credentials_says_they_were_never_rejected()
    {
        var text = ResponseLostText.Write(Problem(FindingKind.ResponseLost, Register(RightRouter, ResponseDelivery.NotDelivered, authenticated: true)), Context(), nextHopRecorded: true, lookups: null);
        Assert.Equal("Responses to 192.168.1.20:5060 leave toward the right next hop (router 192.168.0.1 (02:a0:00:00:00:01)) but never reach it.", text.Summary);
        Assert.Contains(" — the same next hop — but ", text.Explanation);
        Assert.Contains("although they were never rejected", text.ClientSymptom);
    }

    [Fact]
    public void An_asymmetric_path_that_delivers_is_a_warning_in_words_too()
    {
        var text = AsymmetricPathText.Write(Problem(FindingKind.AsymmetricPath, Register(WrongRouter, ResponseDelivery.Delivered)), Context());
        Assert.EndsWith("but still arrive.", text.Summary);
        Assert.Contains("the client answered the challenge, so it arrived all the same.", text.Explanation);
        Assert.StartsWith("Nothing visible yet", text.ClientSymptom);
    }

    [Fact]
    public void An_unanswered_register_counts_what_the_client_sent_and_over_how_long()
    {
        var problem = Problem(FindingKind.RegisterUnanswered, Register(RightRouter, ResponseDelivery.NoResponse, answered: false));
        var text = RequestUnansweredText.Write(problem, Context(), seesServer: true);
        Assert.Equal("The REGISTER from 192.168.1.20:5060 to 192.168.0.10:5060 got no response at all.", text.Summary);
        Assert.Contains("the client sent it 4 times over 7.5 s and the registrar 192.168.0.10:5060 sent nothing back within timer F (32 s).", text.Explanation);
        Assert.Contains(" This capture sees the server's own traffic: the server sent no response at all", text.Explanation);
        // Seen from a router's leg (or the client's side) no response proves only that none came back this way.
        var elsewhere = RequestUnansweredText.Write(problem, Context(), seesServer: false);
        Assert.DoesNotContain("sees the server's own traffic", elsewhere.Explanation);
        Assert.Contains(" Where the server's uplink shows no response leaving, the server has no route back", elsewhere.Explanation);
    }

    [Fact]
    public void Several_transactions_are_counted_by_method_in_the_explanation()
    {
        var text = WrongGatewayText.Write(Problem(FindingKind.ResponseWrongGateway,
            Register(WrongRouter, ResponseDelivery.NotDelivered), Register(WrongRouter, ResponseDelivery.NotDelivered)), Context());
        Assert.Contains("In all, 2 transactions of 192.168.1.20:5060 (REGISTER \u00d72) lost their responses this way.", text.Explanation);
    }
}
