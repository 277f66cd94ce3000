using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Tests.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Scans;

/// <summary>
/// Scans are told from phones by what each client does: a scanner fires one request and moves on (or names
/// itself in its User-Agent); a phone retransmits what goes unanswered and answers its challenges.
/// </summary>
public class ScanTallyTests
{
    internal const string Pbx = "10.10.0.10:5060";

    internal static SipMessage Probe(int i, string method = "REGISTER", string? agent = null)
    {
        var m = Request(method, $"scan-{i}", 1, $"z9hG4bK-scan-{i}", Source(i), toUri: $"sip:{100 + i % 50}@pbx.example");
        m.UserAgent = agent;
        return m;
    }

    internal static string Source(int i) => $"{45 + i % 3}.{i / 256 % 256}.{i % 256}.9:5060";

    [Fact]
    public void Many_single_unanswered_requests_from_many_sources_are_one_scan()
    {
        var flow = new SipFlow();
        for (int i = 0; i < 150; i++) flow.Send(i * 0.01, Source(i), Pbx, Probe(i));
        flow.Finish(100);

        var scan = Assert.Single(flow.Engine.Scans.Scans);
        Assert.Equal(Pbx, scan.Server);
        Assert.Equal(150, scan.Requests);
        Assert.Equal(150, scan.NoFinalResponse);
        Assert.Equal(150, scan.Sources.Count);
        Assert.Equal(50, scan.Aors.Count);
        Assert.Equal(0, scan.ScannerAgentRequests);
        Assert.Equal(3, scan.NetworkCount(wide: true));
        Assert.Equal(ServerScan.MaxSamples, scan.Samples.Count());
    }

    [Fact]
    public void Networks_sources_and_aors_in_runs_are_counted_as_one_by_one()
    {
        // A scanner works in runs: one host for a while, one AOR several times, a network at a time. Runs of each,
        // broken and resumed, must give the counts a request-by-request tally gives.
        var flow = new SipFlow();
        var requests = new List<(string Source, string Aor)>();
        for (int run = 0; run < 6; run++)
        {
            string network = (run % 3) switch { 0 => "45.1", 1 => "45.2", _ => "46.7" };
            for (int k = 0; k < 30; k++)
                requests.Add(($"{network}.{k / 3}.9:5060", $"sip:{100 + (k / 4) % 3}@pbx.example"));
        }
        for (int i = 0; i < requests.Count; i++)
        {
            var m = Request("REGISTER", $"run-{i}", 1, $"z9hG4bK-run-{i}", requests[i].Source, toUri: requests[i].Aor);
            flow.Send(i * 0.01, requests[i].Source, Pbx, m);
        }
        flow.Finish(100);

        var scan = Assert.Single(flow.Engine.Scans.Scans);
        Assert.Equal(180, scan.Requests);
        Assert.Equal(30, scan.Sources.Count);
        Assert.Equal(3, scan.Aors.Count);
        Assert.Equal([("45.1.0.0/16", 60L), ("45.2.0.0/16", 60L), ("46.7.0.0/16", 60L)], scan.Networks(wide: false, 10));
        Assert.Equal([("45.0.0.0/8", 120L), ("46.0.0.0/8", 60L)], scan.Networks(wide: true, 10));
        Assert.Equal(3, scan.NetworkCount(wide: false));
        Assert.Equal(0, scan.RequestsInUncountedNetworks);
    }

    [Fact]
    public void User_agents_are_counted_by_runs_up_to_the_cap_and_first_come_first_listed()
    {
        // 40 agents (the cap keeps 32) in runs of three, then the first agent again: every run of a kept agent
        // counts, an agent past the cap never appears, and the order is the order first seen.
        var flow = new SipFlow();
        int i = 0;
        for (int agent = 0; agent < 40; agent++)
            for (int copy = 0; copy < 3; copy++, i++)
                flow.Send(i * 0.01, Source(i), Pbx, Probe(i, agent: $"sipvicious-{agent}"));
        for (int copy = 0; copy < 5; copy++, i++) flow.Send(i * 0.01, Source(i), Pbx, Probe(i, agent: "sipvicious-0"));
        flow.Finish(100);

        var agents = Assert.Single(flow.Engine.Scans.Scans).Agents;
        Assert.Equal(32, agents.Count);
        Assert.Equal(Enumerable.Range(0, 32).Select(a => $"sipvicious-{a}"), agents.Keys);
        Assert.Equal(8, agents["sipvicious-0"]);
        Assert.All(Enumerable.Range(1, 31), a => Assert.Equal(3, agents[$"sipvicious-{a}"]));
    }

    [Fact]
    public void One_scanner_agent_request_is_a_scan_and_its_rejections_are_counted_by_status()
    {
        var flow = new SipFlow();
        var probe = Probe(1, "OPTIONS", "friendly-scanner");
        flow.Send(0, Source(1), Pbx, probe);
        flow.Send(0.01, Pbx, Source(1), Response(probe, 404));
        flow.Finish(100);

        var scan = Assert.Single(flow.Engine.Scans.Scans);
        Assert.Equal(1, scan.ScannerAgentRequests);
        Assert.Equal(1, scan.Statuses[404]);
        Assert.Equal(0, scan.AnsweredPositively);
    }

    [Fact]
    public void Phones_that_answer_their_challenges_are_no_scan()
    {
        // 150 phones register as phones do: REGISTER → 401 → REGISTER with credentials → 200.
        var flow = new SipFlow();
        for (int i = 0; i < 150; i++)
        {
            var first = Request("REGISTER", $"phone-{i}", 1, $"z9hG4bK-p{i}a", Source(i), toUri: $"sip:{i}@pbx.example");
            flow.Send(i, Source(i), Pbx, first);
            flow.Send(i + 0.01, Pbx, Source(i), Challenge(first));
            var second = WithCredentials(Request("REGISTER", $"phone-{i}", 2, $"z9hG4bK-p{i}b", Source(i), toUri: $"sip:{i}@pbx.example"));
            flow.Send(i + 0.02, Source(i), Pbx, second);
            flow.Send(i + 0.03, Pbx, Source(i), Response(second, 200));
        }
        flow.Finish(400);

        Assert.Empty(flow.Engine.Scans.Scans);
    }

    [Fact]
    public void A_retransmitted_request_is_a_phone_not_a_scanner()
    {
        var flow = new SipFlow();
        for (int i = 0; i < 150; i++)
        {
            var register = Probe(i);
            flow.Send(i * 0.01, Source(i), Pbx, register);
            flow.Send(i * 0.01 + 0.5, Source(i), Pbx, register);
        }
        flow.Finish(100);

        Assert.Empty(flow.Engine.Scans.Scans);
    }

    [Theory]
    [InlineData("friendly-scanner", true)]
    [InlineData("SIPVicious/0.3.4", true)]
    [InlineData("sipcli/v1.8", true)]
    [InlineData("VaxSIPUserAgent/3.1", true)]
    [InlineData("scanner: Voip-Scanner 2.0", true)]
    [InlineData("Avaya one-X Communicator", false)]
    [InlineData("Yealink SIP-T46S 66.86.0.15", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Scanner_agents_are_recognised_case_insensitively(string? agent, bool scanner) =>
        Assert.Equal(scanner, ScanSignature.IsScannerAgent(agent));

    [Fact]
    public void The_verdict_on_an_agent_is_the_same_for_every_string_of_it_and_never_another_agents()
    {
        // Verdicts are remembered by the string's identity: equal texts in new strings, and different texts that
        // share a slot, must each get their own answer.
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 300; i++)
            {
                Assert.True(ScanSignature.IsScannerAgent(new string($"friendly-scanner {i}".AsSpan())));
                Assert.False(ScanSignature.IsScannerAgent(new string($"Yealink SIP-T46S {i}".AsSpan())));
            }
        }
        string phone = "Grandstream GXP2170";
        Assert.False(ScanSignature.IsScannerAgent(phone));
        Assert.False(ScanSignature.IsScannerAgent(phone));
        string scanner = "SIPVicious svwar";
        Assert.True(ScanSignature.IsScannerAgent(scanner));
        Assert.True(ScanSignature.IsScannerAgent(scanner));
    }

    [Fact]
    public void Scan_requests_after_the_scan_is_known_do_not_crowd_out_a_phones_fault()
    {
        // Retention keeps 100 transactions; 300 scan requests come first, then a phone's unanswered REGISTER.
        var flow = new SipFlow(new SipEngineOptions { MaxRetainedTransactions = 100 });
        for (int i = 0; i < 300; i++) flow.Send(i * 0.01, Source(i), Pbx, Probe(i, agent: "friendly-scanner"));
        var phone = Request("REGISTER", "phone", 1, "z9hG4bK-phone", "192.168.1.20:5060");
        for (int copy = 0; copy < 5; copy++) flow.Send(40 + copy, "192.168.1.20:5060", Pbx, phone);
        flow.Finish(200);

        Assert.Contains(flow.Engine.Transactions, t => t.CallId == "phone");
        Assert.Equal(300, Assert.Single(flow.Engine.Scans.Scans).Requests);
    }

    [Theory]
    // One address, one extension after another: an enumeration from 20 AORs on, without the hundred requests.
    [InlineData(20, 1, 20, true)]
    [InlineData(40, 1, 40, true)]
    [InlineData(19, 1, 19, false)]
    // A few addresses sharing the work, four AORs each or more.
    [InlineData(40, 10, 40, true)]
    [InlineData(40, 11, 40, false)]
    // Phones each registering their own AOR from their own address are never one, however many.
    [InlineData(99, 99, 99, false)]
    // The hundred-request rule as before.
    [InlineData(100, 20, 1, true)]
    [InlineData(100, 1, 19, false)]
    public void An_enumeration_is_many_AORs_from_few_addresses(long requests, long sources, long aors, bool scan) =>
        Assert.Equal(scan, ScanTally.MakesScan(requests, scannerAgentRequests: 0, sources, aors));
}

