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

    // sip-rtp-g726.pcap's eight sipp calls three times, an hour apart: each stream (one 5-tuple and SSRC) spans the
    // three copies of its call. It is each copy's — not the longest call's, which left the other calls without media
    // and gave that one seven streams from unexpected sources.
    [Fact]
    public async Task A_stream_over_repeated_copies_of_a_call_is_each_copys()
    {
        string path = RepeatedCapture.Write(Fixtures.PathOf("public/wireshark-wiki/sip-rtp-g726.pcap"), 3);
        try
        {
            var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);

            Assert.Equal(3 * result.Calls.Select(c => c.Session.CallId).Distinct().Count(), result.Calls.Count);
            Assert.Equal(result.Calls.Count / 3, result.RtpStreams.Count);
            foreach (var call in result.Calls)
            {
                var stream = Assert.Single(call.ToOffer);
                Assert.Equal(call.Session.CallId, stream.CallId);
                Assert.Empty(call.UnexpectedSources);
            }
            Assert.DoesNotContain(result.Findings, f => f.Kind is FindingKind.RtpUnexpectedSource or FindingKind.RtpNoMedia);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
