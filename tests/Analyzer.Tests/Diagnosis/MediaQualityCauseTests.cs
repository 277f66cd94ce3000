using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Diagnosis;

/// <summary>
/// The media-quality cause counts streams, not findings: one stream with loss and a poor MOS is one stream (as in
/// Asterisk_ZFONE_XLITE.pcap, where the cause said "2 RTP streams" for one).
/// </summary>
public class MediaQualityCauseTests
{
    private static Finding Quality(FindingKind kind, Severity severity, string stream) =>
        RtpCallLinker.New(kind, severity, "call-1", $"RTP stream {stream}: {kind}.", "why", $"rtp.ssrc == {stream}");

    [Fact]
    public void Two_findings_of_one_stream_are_one_stream()
    {
        var findings = new List<Finding>
        {
            Quality(FindingKind.RtpPoorQuality, Severity.Error, "0xbee0f2ed"),
            Quality(FindingKind.RtpLoss, Severity.Warning, "0xbee0f2ed"),
        };
        var cause = Assert.Single(CauseBuilder.Build(findings, [], null));
        Assert.Equal(CauseKind.MediaQuality, cause.Kind);
        Assert.Equal("RTP stream 0xbee0f2ed: RtpPoorQuality.", cause.Summary);
    }

    [Fact]
    public void Findings_of_two_streams_are_counted_as_two()
    {
        var findings = new List<Finding>
        {
            Quality(FindingKind.RtpPoorQuality, Severity.Error, "0xbee0f2ed"),
            Quality(FindingKind.RtpLoss, Severity.Warning, "0xbee0f2ed"),
            Quality(FindingKind.RtpJitter, Severity.Warning, "0xb72a7104"),
        };
        var cause = Assert.Single(CauseBuilder.Build(findings, [], null));
        Assert.Equal("2 RTP streams lose packets or jitter enough to hear.", cause.Summary);
    }
}
