using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// A party that sends its media back to where the other's comes from (symmetric RTP) delivers the direction the
/// SDP put elsewhere: the call is two-way with a media-source warning, not one-way audio.
/// </summary>
public class SymmetricRtpTests
{
    private sealed record TsharkStream(string Source, string Destination, uint Ssrc);

    // "   76.878653     96.829533 192.168.105.172  4376 192.168.105.110  4376 0x5711BF84 g711A …"
    private static List<TsharkStream> Streams(string path) =>
        Tshark.Run("-r", path, "-q", "-z", "rtp,streams").Output.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length > 7 && p[6].StartsWith("0x", StringComparison.Ordinal))
            .Select(p => new TsharkStream($"{p[2]}:{p[3]}", $"{p[4]}:{p[5]}", uint.Parse(p[6][2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
            .ToList();

    [Fact]
    public async Task Media_sent_back_to_a_source_the_sdp_did_not_name_is_two_way()
    {
        // SIP_DTMF2.cap: the ACK's SDP names 192.168.105.110:4374 for the answerer, whose RTP comes from 192.168.105.172:4376;
        // 192.168.105.110 sends its own RTP back to 192.168.105.172:4376 (tshark: one stream each way).
        string path = Fixtures.PathOf("public/wireshark-wiki/SIP_DTMF2.cap");
        var streams = Streams(path);
        Assert.Equal(2, streams.Count);
        var arriving = streams.Single(s => streams.Any(o => o.Destination == s.Source));
        var back = streams.Single(s => s.Destination == arriving.Source);

        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);

        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.RtpOneWay);
        var source = Assert.Single(result.Findings, f => f.Kind == FindingKind.RtpUnexpectedSource);
        // Media that works both ways is worth knowing, not a fault: info, and its cause says there is nothing to change.
        Assert.Equal(Severity.Info, source.Severity);
        Assert.EndsWith("; the media goes back there (symmetric RTP), so both directions flow.", source.Summary);
        var cause = Assert.Single(result.Causes);
        Assert.StartsWith("Nothing to change: ", cause.Fix);
        Assert.Contains($"sends its media back to {back.Destination} (symmetric RTP, SSRC 0x{back.Ssrc:x8}), so both directions flow", source.Explanation);
        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
    }
}
