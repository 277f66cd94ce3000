using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// The engine over real captures, with the messages as tshark dissects them (so these tests do not depend on
/// our parser): counts must equal <c>tshark -z sip,stat</c>, including its "resent" count.
/// </summary>
public class SipEngineFixtureTests
{
    [Theory]
    [InlineData("public/wireshark-wiki/aaa.pcap")]
    [InlineData("public/wireshark-wiki/Asterisk_ZFONE_XLITE.pcap")]
    [InlineData("public/wireshark-wiki/DTMFsipinfo.pcap")]
    [InlineData("public/wireshark-wiki/MagicJack-_short_call.pcap")]
    [InlineData("public/wireshark-wiki/SIP_DTMF2.cap")]
    [InlineData("public/wireshark-wiki/sip-rtp-g711.pcap")]
    [InlineData("public/wireshark-wiki/sip-rtp-g726.pcap")]
    [InlineData("public/wireshark-wiki/nb6-startup.pcap")]
    [InlineData("public/wireshark-wiki/nb6-telephone.pcap")]
    [InlineData("public/heplify/rtp_rtcp_sip_ipv4_udp.pcap")]
    [InlineData("public/heplify/sip_ipv6_udp.pcap")]
    [InlineData("public/heplify/ipip0.pcap")]
    [InlineData("public/sngrep/ipv6frag.pcap")]
    [InlineData("public/wireshark/sip.pcapng")]
    [InlineData("public/PcapPlusPlus/sip_reqs.pcap")]
    public void Counts_equal_tshark_sip_stat(string fixture)
    {
        string file = Fixtures.Path(fixture);
        var engine = new SipEngine();
        TsharkSipMessages.Feed(file, engine);

        var expected = TsharkSipStat.Read(file);
        var stats = engine.Statistics;
        Assert.Equal(expected.Messages, stats.Messages);
        Assert.Equal(expected.Requests.OrderBy(p => p.Key), stats.Requests.OrderBy(p => p.Key));
        Assert.Equal(expected.Responses.OrderBy(p => p.Key), stats.Responses.OrderBy(p => p.Key));
        Assert.Equal(expected.Resent, stats.Retransmissions);
        Assert.DoesNotContain(stats.Anomalies.Keys, k => k.StartsWith("engine-error", StringComparison.Ordinal));
        Assert.Equal(0, engine.LiveTransactions);
    }

    [Fact]
    public void Registrations_in_aaa_pcap_get_the_outcomes_the_ladder_shows()
    {
        var engine = new SipEngine();
        TsharkSipMessages.Feed(Fixtures.Path("public/wireshark-wiki/aaa.pcap"), engine);

        // Read off the ladder (tshark -T fields): each REGISTER without credentials is challenged; the retry
        // with credentials gets 403 (frame 32), 401 again without stale (a rejection), or 200.
        var regs = engine.Registrations;
        Assert.Equal(
            [
                ("sip:voi18063@sip.cybercity.dk", 19L, RegistrationOutcome.Rejected, 403),
                ("sip:voi18063@sip.cybercity.dk", 107L, RegistrationOutcome.Rejected, 401),
                ("sip:voi18062@sip.cybercity.dk", 143L, RegistrationOutcome.Rejected, 401),
                ("sip:voi18062@sip.cybercity.dk", 169L, RegistrationOutcome.Registered, 200),
                ("sip:voi18062@sip.cybercity.dk", 421L, RegistrationOutcome.Rejected, 401),
                ("sip:35104723@sip.cybercity.dk", 441L, RegistrationOutcome.Rejected, 401),
                ("sip:35104723@sip.cybercity.dk", 515L, RegistrationOutcome.Registered, 200),
                ("sip:35104723@sip.cybercity.dk", 537L, RegistrationOutcome.Rejected, 401),
                ("sip:35104723@sip.cybercity.dk", 639L, RegistrationOutcome.Registered, 200),
            ],
            regs.Select(r => (r.Aor, r.Steps[0].FirstFrame.Frame, r.Outcome!, r.FinalStatus ?? 0)));
        Assert.All(regs, r => Assert.Equal([false, true], r.Steps.Select(s => s.WithCredentials)));
        Assert.All(regs, r => Assert.Equal("192.168.1.2:5060", r.Client));
        Assert.All(regs.Where(r => r.Outcome == RegistrationOutcome.Registered), r => Assert.Equal(1200, r.GrantedExpires));
        Assert.Equal("voi18063", regs[0].Username);

        // The INVITEs: 3 copies of frame 223's INVITE, then CANCELs (retransmitted) and 408.
        var invite = engine.Transactions.Single(t => t.FirstFrame.Frame == 223);
        Assert.Equal([223L, 225L, 227L], invite.RequestFrames.Select(f => f.Frame));
        Assert.Equal(408, invite.FinalStatus);
        Assert.Equal([253L], invite.AckFrames.Select(f => f.Frame));
        var cancel = engine.Transactions.Single(t => t.Method == "CANCEL" && t.CallId == invite.CallId);
        Assert.Equal(10, cancel.Retransmissions);
        Assert.Equal(408, cancel.FinalStatus);
        Assert.Equal(cancel.Id, invite.CancelTransactionId);
        Assert.Equal(DialogOutcome.Cancelled, engine.Dialogs.Single(d => d.CallId == invite.CallId).Outcome);
    }
}
