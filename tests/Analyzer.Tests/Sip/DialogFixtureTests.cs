using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>Dialogs over real captures, against what tshark's dissection of the same frames implies.</summary>
public class DialogFixtureTests
{
    [Theory]
    [InlineData("public/wireshark-wiki/sip-rtp-g726.pcap")]
    [InlineData("public/wireshark-wiki/DTMFsipinfo.pcap")]
    [InlineData("public/wireshark-wiki/Asterisk_ZFONE_XLITE.pcap")]
    [InlineData("public/wireshark-wiki/MagicJack-_short_call.pcap")]
    [InlineData("public/wireshark-wiki/aaa.pcap")]
    [InlineData("public/heplify/sip_ipv4_tcp.pcap")]
    [InlineData("public/heplify/sip_ipv4_tcp_fragmented.pcap")]
    public void One_dialog_per_initial_INVITE_with_its_answer_and_BYE(string fixture)
    {
        var engine = SipPipeline.Run(fixture);
        var rows = Tshark.Fields(Fixtures.Path(fixture), "sip",
            ["sip.Method", "sip.Status-Code", "sip.CSeq.method", "sip.Call-ID", "sip.from.tag", "sip.to.tag"],
            "-n", "-E", "occurrence=a", "-d", "tcp.port==6060,sip");
        // A TCP frame may hold several messages: tshark joins their values with ','; keep single-message rows.
        rows = rows.Where(r => !r[3].Contains(',')).ToList();
        var initial = rows.Where(r => r[0] == "INVITE" && r[5].Length == 0).Select(r => (r[3], r[4])).ToHashSet();
        var answered = rows.Where(r => r[1].StartsWith('2') && r[2] == "INVITE" && initial.Contains((r[3], r[4])))
            .Select(r => (r[3], r[4])).ToHashSet();
        var withBye = rows.Where(r => r[0] == "BYE").Select(r => r[3]).ToHashSet();

        Assert.Equal(initial.OrderBy(k => k), engine.Dialogs.Select(d => (d.CallId, d.CallerTag)).OrderBy(k => k));
        Assert.Equal(answered.OrderBy(k => k),
            engine.Dialogs.Where(d => d.Outcome == DialogOutcome.Answered).Select(d => (d.CallId, d.CallerTag)).OrderBy(k => k));
        Assert.Equal(withBye.Where(c => initial.Any(i => i.Item1 == c)).Order(),
            engine.Dialogs.Where(d => d.HungUpBy is not null).Select(d => d.CallId).Distinct().Order());
        Assert.All(engine.Dialogs.Where(d => d.Outcome == DialogOutcome.Answered),
            d => Assert.True(d.SetupTimeMs > 0 && d.AnswerNs is not null));
        Assert.All(engine.Dialogs.Where(d => d.HungUpBy is not null), d => Assert.Equal(DialogState.Terminated, d.State));
    }
}
