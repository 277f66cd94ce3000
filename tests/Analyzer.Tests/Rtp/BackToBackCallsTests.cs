using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// sip-rtp-g711.pcap: sipp makes two calls one after the other, both to 10.0.2.20:6000, the callee answering
/// from port 27942, then 28102. Each stream belongs to the call whose time it falls in — not to the earlier
/// call too because it starts within the linking slack — so neither call is told its media comes from the
/// wrong source.
/// </summary>
public class BackToBackCallsTests
{
    [Fact]
    public async Task Each_stream_links_to_the_call_it_overlaps()
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(Fixtures.PathOf("public/wireshark-wiki/sip-rtp-g711.pcap"))]);

        Assert.Equal(2, result.Calls.Count);
        foreach (var call in result.Calls)
        {
            var stream = Assert.Single(call.ToOffer);
            Assert.Equal(call.Session.Answer!.Endpoint.Port, stream.SourcePort);
            Assert.Empty(call.UnexpectedSources);
        }
        Assert.Equal([27942, 28102], result.Calls.Select(c => (int)c.ToOffer[0].SourcePort));
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.RtpUnexpectedSource);
    }
}
