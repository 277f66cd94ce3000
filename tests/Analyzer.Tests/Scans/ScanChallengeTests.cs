using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Tests.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Scans;

/// <summary>
/// A challenged request belongs to a scan only if its client never answers the challenge. Phones that register
/// while a scan runs must leave no trace in the scan's counts, so that its total, its methods, its statuses and its
/// sources all describe the same requests; and a ping answered is not the scan getting in.
/// </summary>
public class ScanChallengeTests
{
    private const string Pbx = ScanTallyTests.Pbx;
    private const string ScannerAgent = "friendly-scanner";

    private static string Scanner(int i) => ScanTallyTests.Source(i);
    private static string Phone(int i) => $"192.168.1.{i}:5060";
    private static SipMessage Probe(int i, string method = "REGISTER", string? agent = ScannerAgent) => ScanTallyTests.Probe(i, method, agent);

    // A phone's registration as it goes: REGISTER, 401, REGISTER with credentials, 200.
    private static void RegisterPhone(SipFlow flow, double at, int i)
    {
        var first = Request("REGISTER", $"phone-{i}", 1, $"z9hG4bK-p{i}a", Phone(i), toUri: $"sip:{200 + i}@pbx.example");
        first.UserAgent = "Yealink SIP-T46S";
        flow.Send(at, Phone(i), Pbx, first);
        flow.Send(at + 0.01, Pbx, Phone(i), Challenge(first));
        var second = WithCredentials(Request("REGISTER", $"phone-{i}", 2, $"z9hG4bK-p{i}b", Phone(i), toUri: $"sip:{200 + i}@pbx.example"));
        second.UserAgent = "Yealink SIP-T46S";
        flow.Send(at + 0.02, Phone(i), Pbx, second);
        flow.Send(at + 0.03, Pbx, Phone(i), Response(second, 200));
    }

    private static void AssertConsistent(ServerScan scan, long requests, long sources)
    {
        Assert.Equal(requests, scan.Requests);
        Assert.Equal(requests, scan.Methods.Values.Sum());
        Assert.Equal(requests, scan.Statuses.Values.Sum() + scan.NoFinalResponse);
        Assert.Equal(requests, scan.Networks(wide: true, 100).Sum(n => n.Requests));
        Assert.Equal(sources, scan.Sources.Count);
    }

    [Fact]
    public void Phones_registering_during_a_scan_are_not_counted_in_it()
    {
        var flow = new SipFlow();
        for (int i = 0; i < 150; i++)
        {
            var probe = Probe(i);
            flow.Send(i * 0.1, Scanner(i), Pbx, probe);
            flow.Send(i * 0.1 + 0.01, Pbx, Scanner(i), Response(probe, 404));
            if (i % 15 == 0) RegisterPhone(flow, i * 0.1 + 0.02, i / 15);
        }
        flow.Finish(400);

        var scan = Assert.Single(flow.Engine.Scans.Scans);
        AssertConsistent(scan, requests: 150, sources: 150);
        Assert.Equal(150, scan.Statuses[404]);
        Assert.False(scan.Statuses.ContainsKey(401), "a phone's challenge counted as the scan's");
        Assert.DoesNotContain("Yealink SIP-T46S", scan.Agents.Keys);
        Assert.All(scan.Samples, s => Assert.DoesNotContain("192.168.1.", s.Client));
        Assert.Equal(10, scan.AnsweredChallenges);
    }

    [Fact]
    public void A_challenge_counted_after_its_answer_is_dropped_too()
    {
        // The capture may end between the two, so the answer may complete first: fed to the scan in that order.
        var flow = new SipFlow();
        var completed = new List<Transaction>();
        flow.Engine.TransactionCompleted += completed.Add;
        RegisterPhone(flow, 1, 7);
        flow.Finish(100);
        var challenged = Assert.Single(completed, t => t.Credentials is null);
        var answer = Assert.Single(completed, t => t.Credentials is not null);

        var scan = new ServerScan(Pbx);
        scan.NoteAuthenticated(answer);
        scan.Add(challenged, ScanTally.EvidenceOf(challenged));
        scan.FlushCounts();

        Assert.Equal(ScanEvidence.Challenged, ScanTally.EvidenceOf(challenged));
        Assert.Equal(1, scan.AnsweredChallenges);
        AssertConsistent(scan, requests: 0, sources: 0);
    }

    [Fact]
    public void Challenges_nobody_answers_are_all_counted_past_what_is_held()
    {
        // 1 500 challenged REGISTERs without a scanner's agent, none answered: more than the scan holds back.
        var flow = new SipFlow();
        for (int i = 0; i < 1_500; i++)
        {
            var probe = Probe(i, agent: null);
            flow.Send(i * 0.01, Scanner(i), Pbx, probe);
            flow.Send(i * 0.01 + 0.005, Pbx, Scanner(i), Challenge(probe));
        }
        flow.Finish(400);

        var scan = Assert.Single(flow.Engine.Scans.Scans);
        AssertConsistent(scan, requests: 1_500, sources: 1_500);
        Assert.Equal(1_500, scan.Statuses[401]);
        Assert.Equal(1_500, scan.Challenged);
    }

    [Fact]
    public void Every_scan_of_the_analysis_holds_from_one_budget()
    {
        var flow = new SipFlow();
        var completed = new List<Transaction>();
        flow.Engine.TransactionCompleted += completed.Add;
        for (int i = 0; i <= ServerScan.MaxHeldChallenges; i++)
        {
            var probe = Probe(i, agent: null);
            flow.Send(i * 0.01, Scanner(i), Pbx, probe);
            flow.Send(i * 0.01 + 0.005, Pbx, Scanner(i), Challenge(probe));
        }
        flow.Finish(400);
        Assert.Equal(ServerScan.MaxHeldChallenges + 1, completed.Count);

        var held = new PcapSipAnalyzer.Analyzer.Sip.SharedCount();
        var first = new ServerScan(Pbx, held);
        var second = new ServerScan("10.10.0.11:5060", held);
        foreach (var t in completed.Take(ServerScan.MaxHeldChallenges)) first.Add(t, ScanEvidence.Challenged);
        Assert.Equal(ServerScan.MaxHeldChallenges, held.Value);
        Assert.Equal(0, first.Challenged);
        second.Add(completed[^1], ScanEvidence.Challenged); // no room, none of its own to make room with: counted at once
        Assert.Equal(1, second.Challenged);
        Assert.Equal(ServerScan.MaxHeldChallenges, held.Value);

        first.FlushCounts();
        Assert.Equal(0, held.Value);
        AssertConsistent(first, requests: ServerScan.MaxHeldChallenges, sources: ServerScan.MaxHeldChallenges);
    }

    [Fact]
    public void Refreshes_with_credentials_take_nothing_off_the_scan()
    {
        // A registrar's phones refresh with cached credentials (no challenge) while 150 challenges go unanswered:
        // the refreshes answer none of those challenges.
        var flow = new SipFlow();
        for (int i = 0; i < 150; i++)
        {
            var probe = Probe(i, agent: null);
            flow.Send(i * 0.1, Scanner(i), Pbx, probe);
            flow.Send(i * 0.1 + 0.01, Pbx, Scanner(i), Challenge(probe));
            for (int p = 0; p < 2; p++)
            {
                int phone = 2 * i + p;
                var refresh = WithCredentials(Request("REGISTER", $"refresh-{phone}", 7, $"z9hG4bK-r{phone}", Phone(phone % 250),
                    toUri: $"sip:{200 + phone}@pbx.example"));
                flow.Send(i * 0.1 + 0.02 + p * 0.01, Phone(phone % 250), Pbx, refresh);
                flow.Send(i * 0.1 + 0.025 + p * 0.01, Pbx, Phone(phone % 250), Response(refresh, 200));
            }
        }
        flow.Finish(400);

        var scan = Assert.Single(flow.Engine.Scans.Scans);
        AssertConsistent(scan, requests: 150, sources: 150);
        Assert.Equal(150, scan.Statuses[401]);
        Assert.Equal(0, scan.AnsweredChallenges);
    }

    [Fact]
    public void Answered_pings_are_not_the_scan_getting_in_but_an_accepted_register_is()
    {
        var flow = new SipFlow();
        for (int i = 0; i < 10; i++)
        {
            var ping = Probe(i, "OPTIONS");
            flow.Send(i, Scanner(i), Pbx, ping);
            flow.Send(i + 0.01, Pbx, Scanner(i), Response(ping, 200));
        }
        flow.Finish(100);
        var pinged = Assert.Single(flow.Engine.Scans.Scans);
        Assert.Equal(10, pinged.OptionsAnswered);
        Assert.Equal(0, pinged.AnsweredPositively);

        var registered = new SipFlow();
        var register = Probe(1);
        registered.Send(0, Scanner(1), Pbx, register);
        registered.Send(0.01, Pbx, Scanner(1), Response(register, 200));
        registered.Finish(100);
        var scan = Assert.Single(registered.Engine.Scans.Scans);
        Assert.Equal(1, scan.AnsweredPositively);
        Assert.Equal(0, scan.OptionsAnswered);
    }
}
