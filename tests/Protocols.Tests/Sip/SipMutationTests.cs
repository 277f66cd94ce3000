using PcapSipAnalyzer.Protocols.Sdp;
using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>Thousands of damaged real messages: the parsers answer true or false, they never throw.</summary>
public class SipMutationTests
{
    private static readonly List<byte[]> Seeds = SipMutations.Seeds(
        "wireshark-wiki/aaa.pcap", "wireshark-wiki/MagicJack-_short_call.pcap", "wireshark-wiki/sip-rtp-g711.pcap",
        "suricata-verify/sip-compact-form/sip_compact_form.pcap", "nDPI/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap",
        "heplify/sip_ipv6_udp.pcap");

    [Fact]
    public void MutatedMessagesNeverThrow()
    {
        Assert.True(Seeds.Count > 100);
        var random = new Random(20260626);
        int parsed = 0, withSdp = 0;
        const int cases = 20_000;
        for (int i = 0; i < cases; i++)
        {
            var bytes = SipMutations.Mutate(Seeds[random.Next(Seeds.Count)], random);
            SipDetector.LooksLikeSip(bytes);
            SdpParser.TryParse(bytes, out _);
            if (!SipParser.TryParse(bytes, out var message)) continue;
            parsed++;
            Assert.True(message!.Length <= bytes.Length);
            if (message.Sdp is not null) withSdp++;
            SdpParser.TryParse(message.Body, out _);
        }
        // The mutations must leave most messages recognisable, or the test exercises nothing past the start line.
        Assert.True(parsed > cases / 2, $"only {parsed} of {cases} parsed");
        Assert.True(withSdp > cases / 20, $"only {withSdp} with SDP");
    }

    [Fact]
    public void MutatedSdpBodiesNeverThrow()
    {
        var bodies = Seeds.Select(s => SipParser.TryParse(s, out var m) ? m!.Body : []).Where(b => b.Length > 0).ToList();
        Assert.NotEmpty(bodies);
        var random = new Random(7);
        int parsed = 0;
        for (int i = 0; i < 10_000; i++)
        {
            if (SdpParser.TryParse(SipMutations.Mutate(bodies[random.Next(bodies.Count)], random), out _)) parsed++;
        }
        Assert.True(parsed > 5_000);
    }

    [Fact]
    public void EveryPrefixOfEveryMessageParsesOrIsRejected()
    {
        foreach (var seed in Seeds.Take(40))
        {
            for (int length = 0; length <= seed.Length; length++) SipParser.TryParse(seed.AsSpan(0, length), out _);
        }
    }
}
