using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.PathScenario;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>The path rules on hand-written captures: one variation of the field case per test, other addresses than the lab's.</summary>
public class PathAnalyzerTests
{
    private const string Pbx = "0a:00:00:00:00:0a", RouterA = "0a:00:00:00:00:01", RouterB = "0a:00:00:00:00:02";
    private const string PbxAt = "10.20.0.5:5060", Phone = "172.16.9.7:5070";

    /// <summary>REGISTER retransmitted at timer E intervals (0.5, 1, 2, 4, 4 … s), each answered with a 401 sent to <paramref name="responseMac"/>.</summary>
    private static PathScenario RetransmittedRegister(string requestMac, string responseMac, ushort requestVlan = 0, ushort responseVlan = 0,
                                                      int copies = 8, long cseq = 1, SipCredentials? credentials = null, PathScenario? scenario = null)
    {
        var s = scenario ?? new PathScenario();
        var register = Register(Phone, cseq, $"z9hG4bK-{cseq}", credentials);
        double at = 0, interval = 0.5;
        for (int i = 0; i < copies; i++)
        {
            s.Send(at, requestMac, Pbx, Phone, PbxAt, register, ttl: 62, vlan: requestVlan);
            s.Send(at + 0.001, Pbx, responseMac, PbxAt, Phone, Response(register, 401, "Unauthorized", "n1"), vlan: responseVlan);
            at += interval;
            interval = Math.Min(interval * 2, 4);
        }
        return s;
    }

    [Fact]
    public void A_401_sent_to_another_router_while_the_client_retransmits_is_a_wrong_gateway_error()
    {
        var result = RetransmittedRegister(RouterA, RouterB).Analyze();

        var f = Assert.Single(result.Findings);
        Assert.Equal(FindingKind.ResponseWrongGateway, f.Kind);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(Phone, f.Client);
        Assert.Equal(PbxAt, f.Server);
        Assert.Equal(1, f.Count);
        Assert.Equal(16, f.Frames.Count);
        Assert.Contains("came in from router", f.Explanation);
        Assert.Contains(RouterA, f.Explanation);
        Assert.Contains(RouterB, f.Explanation);
        Assert.Contains("retransmitted the REGISTER 7 times", f.Explanation);
        Assert.Equal("sip.Call-ID == \"reg-172.16.9.7\" && sip.CSeq.seq == 1", f.WiresharkFilter);
        Assert.Contains("never even checked", f.ClientSymptom);
    }

    [Fact]
    public void The_same_next_hop_with_retransmissions_is_a_lost_response_not_a_wrong_gateway()
    {
        var f = Assert.Single(RetransmittedRegister(RouterA, RouterA).Analyze().Findings);
        Assert.Equal(FindingKind.ResponseLost, f.Kind);
        Assert.Equal(Severity.Error, f.Severity);
    }

    [Fact]
    public void A_response_on_another_vlan_is_another_next_hop_even_with_the_same_mac()
    {
        var f = Assert.Single(RetransmittedRegister(RouterA, RouterA, requestVlan: 10, responseVlan: 20).Analyze().Findings);
        Assert.Equal(FindingKind.ResponseWrongGateway, f.Kind);
        Assert.Contains("on VLAN 10", f.Explanation);
        Assert.Contains("on VLAN 20", f.Explanation);
    }

    [Fact]
    public void A_retransmission_that_crossed_the_response_is_not_evidence_of_loss()
    {
        var s = new PathScenario();
        var register = Register(Phone, 1, "z9hG4bK-x");
        s.Send(0, RouterA, Pbx, Phone, PbxAt, register, ttl: 62);
        s.Send(0.49, Pbx, RouterA, PbxAt, Phone, Response(register, 200, "OK"));
        s.Send(0.5, RouterA, Pbx, Phone, PbxAt, register, ttl: 62); // sent before the 200 arrived
        s.Packet(10, TestFrames.Udp(RouterA, Pbx, "172.16.9.7", "10.20.0.5", 62, 5070, 9999));

        var result = s.Analyze();
        Assert.Empty(result.Findings);
        Assert.Equal(ResponseDelivery.Delivered, Assert.Single(result.Paths).Delivery);
    }

    [Fact]
    public void A_client_that_stops_after_one_lost_copy_got_a_later_one()
    {
        var s = new PathScenario();
        var register = Register(Phone, 1, "z9hG4bK-i");
        s.Send(0, RouterA, Pbx, Phone, PbxAt, register, ttl: 62);
        s.Send(0.001, Pbx, RouterA, PbxAt, Phone, Response(register, 200, "OK"));
        s.Send(0.5, RouterA, Pbx, Phone, PbxAt, register, ttl: 62);
        s.Send(0.501, Pbx, RouterA, PbxAt, Phone, Response(register, 200, "OK"));
        s.Packet(40, TestFrames.Udp(RouterA, Pbx, "172.16.9.7", "10.20.0.5", 62, 5070, 9999));

        var result = s.Analyze();
        Assert.Empty(result.Findings);
        Assert.Contains("then stopped", Assert.Single(result.Paths).DeliveryEvidence);
    }

    [Fact]
    public void A_lost_answer_to_an_authenticated_register_names_the_credentials_symptom()
    {
        var s = new PathScenario();
        var first = Register(Phone, 1, "z9hG4bK-1");
        s.Send(0, RouterA, Pbx, Phone, PbxAt, first, ttl: 62);
        s.Send(0.001, Pbx, RouterA, PbxAt, Phone, Response(first, 401, "Unauthorized", "n1"));
        var credentials = new SipCredentials { Username = "1001", Realm = "pbx", Nonce = "n1", Uri = "sip:pbx", Response = "0" };
        var second = Register(Phone, 2, "z9hG4bK-2", credentials);
        double at = 0.01, interval = 0.5;
        for (int i = 0; i < 7; i++)
        {
            s.Send(at, RouterA, Pbx, Phone, PbxAt, second, ttl: 62);
            s.Send(at + 0.001, Pbx, RouterB, PbxAt, Phone, Response(second, 200, "OK"));
            at += interval;
            interval = Math.Min(interval * 2, 4);
        }

        var result = s.Analyze();
        // The 401 went to router A and the 200 to router B: a route change as the capture shows it, beside the loss.
        Assert.Single(result.Findings, x => x.Kind == FindingKind.RouteChanged);
        var f = Assert.Single(result.Findings, x => x.Kind != FindingKind.RouteChanged);
        Assert.Equal(FindingKind.ResponseWrongGateway, f.Kind);
        Assert.Equal(2, f.CSeq);
        Assert.Contains("report its credentials as wrong", f.ClientSymptom);
        Assert.Contains("accepted them", f.ClientSymptom);
        // The 401 was delivered: the client answered its nonce.
        Assert.Equal(ResponseDelivery.Delivered, result.Paths.Single(p => p.Transaction.CSeq == 1).Delivery);
    }

    [Fact]
    public void Many_lost_transactions_of_one_client_make_one_finding()
    {
        var s = RetransmittedRegister(RouterA, RouterB, cseq: 1);
        // The phone gives up after timer F and starts over with CSeq 2, again in vain.
        var again = Register(Phone, 2, "z9hG4bK-2");
        for (int i = 0; i < 4; i++)
        {
            s.Send(40 + i, RouterA, Pbx, Phone, PbxAt, again, ttl: 62);
            s.Send(40.001 + i, Pbx, RouterB, PbxAt, Phone, Response(again, 401, "Unauthorized", "n2"));
        }

        var f = Assert.Single(s.Analyze().Findings);
        Assert.Equal(2, f.Count);
        Assert.Contains("In all, 2 transactions", f.Explanation);
    }

    [Fact]
    public void The_next_request_that_proves_delivery_is_the_same_clients_next_cseq_in_a_long_call()
    {
        // Two clients share a Call-ID (one address, two ports); each of A's 2 000 REGISTERs is answered once and
        // followed by the next CSeq; B's requests sit between them in CSeq order and must be passed over.
        const string PhoneB = "172.16.9.7:5080";
        var s = new PathScenario();
        for (int i = 0; i < 2_000; i++)
        {
            var a = Register(Phone, 2 * i + 1, $"z9hG4bK-a{i}");
            s.Send(i, RouterA, Pbx, Phone, PbxAt, a, ttl: 62);
            s.Send(i + 0.001, Pbx, RouterA, PbxAt, Phone, Response(a, 200, "OK"));
            var b = Register(PhoneB, 2 * i + 2, $"z9hG4bK-b{i}");
            s.Send(i + 0.002, RouterA, Pbx, PhoneB, PbxAt, b, ttl: 62);
        }

        var paths = s.Analyze().Paths.Where(p => p.Transaction.Client == Phone).OrderBy(p => p.Transaction.CSeq).ToList();
        Assert.Equal(2_000, paths.Count);
        for (int i = 0; i < paths.Count - 1; i++)
        {
            Assert.Equal(ResponseDelivery.Delivered, paths[i].Delivery);
            Assert.Contains($"moved on to CSeq {2 * i + 3} ", paths[i].DeliveryEvidence);
        }
        Assert.DoesNotContain("moved on", paths[^1].DeliveryEvidence);
    }

    [Fact]
    public void A_register_without_any_answer_is_unanswered_but_not_when_the_capture_just_ended()
    {
        var s = new PathScenario();
        var register = Register(Phone, 1, "z9hG4bK-u");
        foreach (var at in new[] { 0, 0.5, 1.5, 3.5, 7.5 }) s.Send(at, RouterA, Pbx, Phone, PbxAt, register, ttl: 62);
        var late = Register("172.16.9.8:5060", 1, "z9hG4bK-late");
        s.Send(8, RouterA, Pbx, "172.16.9.8:5060", PbxAt, late, ttl: 62);

        var f = Assert.Single(s.Analyze().Findings);
        Assert.Equal(FindingKind.RegisterUnanswered, f.Kind);
        Assert.Equal(Phone, f.Client);
        Assert.Equal(5, f.Frames.Count);
    }

    [Fact]
    public void The_topology_gateway_overrides_the_inferred_next_hop()
    {
        // Requests and responses both go through router B, and the responses are lost: without a topology file that
        // is a lost response; the file says subnet 10.20.0.0/24 reaches the phones through router A.
        var s = new PathScenario();
        s.Packet(0, TestFrames.Arp(RouterA, "10.20.0.1", "10.20.0.5"));
        RetransmittedRegister(RouterB, RouterB, scenario: s);
        var topology = TopologyFile.Parse("subnets:\n  - { cidr: 10.20.0.0/24, gateway: 10.20.0.1 }\nhosts:\n  10.20.0.5: PBX\n");

        var without = Assert.Single(s.Analyze().Findings);
        Assert.Equal(FindingKind.ResponseLost, without.Kind);

        var with = Assert.Single(new PathAnalyzer(s.Evidence, topology).Analyze(s.Engine.Transactions, s.Engine.Registrations).Findings);
        Assert.Equal(FindingKind.ResponseWrongGateway, with.Kind);
        Assert.Contains("10.20.0.1 (0a:00:00:00:00:01)", with.Explanation);
        Assert.Contains("PBX (10.20.0.5:5060)", with.Explanation);
    }

    [Fact]
    public void Seen_from_the_client_side_a_response_coming_back_from_another_router_is_asymmetric()
    {
        const string PhoneMac = "0c:00:00:00:00:07", Gw = "0c:00:00:00:00:01", OtherGw = "0c:00:00:00:00:02";
        var s = new PathScenario();
        var register = Register(Phone, 1, "z9hG4bK-c");
        s.Send(0, PhoneMac, Gw, Phone, PbxAt, register);
        s.Send(0.01, OtherGw, PhoneMac, PbxAt, Phone, Response(register, 200, "OK"), ttl: 61);
        s.Packet(10, TestFrames.Udp(PhoneMac, Gw, "172.16.9.7", "10.20.0.5", 64, 5070, 9999));

        var result = s.Analyze();
        var path = Assert.Single(result.Paths);
        Assert.Equal(PathSide.Client, path.Side);
        var f = Assert.Single(result.Findings);
        Assert.Equal(FindingKind.AsymmetricPath, f.Kind);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("came back from", f.Explanation);
    }

    [Fact]
    public void Ipv6_works_the_same_way()
    {
        var s = new PathScenario();
        const string phone6 = "[2001:db8:9::7]:5060", pbx6 = "[2001:db8:20::5]:5060";
        var register = Register(phone6, 1, "z9hG4bK-6");
        for (int i = 0; i < 4; i++)
        {
            s.Send(i, RouterA, Pbx, phone6, pbx6, register, ttl: 62);
            s.Send(i + 0.001, Pbx, RouterB, pbx6, phone6, Response(register, 401, "Unauthorized", "n"));
        }
        var f = Assert.Single(s.Analyze().Findings);
        Assert.Equal(FindingKind.ResponseWrongGateway, f.Kind);
        Assert.Equal("[2001:db8:9::7]:5060", f.Client);
    }

    [Fact]
    public void A_credentials_file_says_whether_the_password_was_right()
    {
        // RFC 2617 digest with qop=auth, response computed independently (Python hashlib) for 1001 / "s3cret".
        var credentials = new SipCredentials { Username = "1001", Realm = "pbx", Nonce = "n1", Uri = "sip:pbx", Qop = "auth",
                                               NonceCount = "00000001", CNonce = "c", Response = "7f3b762f788824365cd5e17dca6be6df" };
        var s = RetransmittedRegister(RouterA, RouterB, cseq: 2, credentials: credentials);
        var file = CredentialsFile.Parse("- { user: \"1001\", password: s3cret }\n");

        var f = Assert.Single(s.Analyze(credentials: file).Findings);
        Assert.Equal(DigestVerdict.PasswordRight, Assert.IsType<WrongGatewayEvidence>(f.Evidence).Password);
        Assert.Contains("right password", f.Explanation);
    }

    [Theory]
    [InlineData("00:00:5e:00:01:07")] // VRRP
    [InlineData("00:00:0c:07:ac:05")] // HSRP v1
    [InlineData("00:00:0c:9f:f0:05")] // HSRP v2
    [InlineData("00:07:b4:00:01:02")] // GLBP
    [InlineData("ff:ff:ff:ff:ff:ff")] // broadcast: not a next hop at all
    public void Responses_to_a_redundancy_group_or_broadcast_mac_are_not_compared(string responseMac)
    {
        var result = RetransmittedRegister(RouterA, responseMac).Analyze();
        var f = Assert.Single(result.Findings);
        Assert.Equal(FindingKind.ResponseLost, f.Kind); // still lost, but not blamed on the next hop
    }

    [Fact]
    public void Two_host_macs_for_the_client_are_not_a_route()
    {
        // The client is on-link and answered directly, but from another NIC than it sent from: no router involved.
        var s = new PathScenario();
        var register = Register("10.20.0.77:5060", 1, "z9hG4bK-h");
        s.Send(0, "0a:00:00:00:00:77", Pbx, "10.20.0.77:5060", PbxAt, register);
        s.Send(0.001, Pbx, "0a:00:00:00:00:78", PbxAt, "10.20.0.77:5060", Response(register, 200, "OK"));
        s.Packet(10, TestFrames.Udp("0a:00:00:00:00:77", Pbx, "10.20.0.77", "10.20.0.5", 64, 5060, 9999));
        Assert.Empty(s.Analyze().Findings);
    }

    [Fact]
    public void Packets_seen_on_different_links_are_not_compared()
    {
        // A SPAN of several ports: the request on the client's link, the response on the server's, no MAC in common.
        var s = new PathScenario();
        var register = Register(Phone, 1, "z9hG4bK-s");
        s.Send(0, "0c:00:00:00:00:07", "0c:00:00:00:00:01", Phone, PbxAt, register);
        s.Send(0.001, Pbx, RouterB, PbxAt, Phone, Response(register, 200, "OK"));
        s.Packet(10, TestFrames.Udp("0c:00:00:00:00:07", "0c:00:00:00:00:01", "172.16.9.7", "10.20.0.5", 64, 5070, 9999));
        Assert.Empty(s.Analyze().Findings);
    }

    [Fact]
    public void A_response_lost_beyond_the_declared_gateway_is_lost_not_misrouted()
    {
        // The requests come in through router A, the topology file says router B is the way back, and the
        // responses do go to router B: the server routes as told; the loss is further on.
        var s = new PathScenario();
        s.Packet(0, TestFrames.Arp(RouterB, "10.20.0.2", "10.20.0.5"));
        RetransmittedRegister(RouterA, RouterB, scenario: s);
        var topology = TopologyFile.Parse("subnets:\n  - { cidr: 10.20.0.0/24, gateway: 10.20.0.2 }\n");

        var f = Assert.Single(s.Analyze(topology).Findings);
        Assert.Equal(FindingKind.ResponseLost, f.Kind);
        Assert.Contains("the topology file names for it", f.Explanation);
    }
}
