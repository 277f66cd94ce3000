namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>The path analysis over every public capture (other people's networks, odd link types, fuzzed files).</summary>
public class PublicCaptureTests
{
    [Fact]
    public async Task Never_throws_and_every_finding_names_its_client_frames_and_filter()
    {
        var root = PathHarness.Fixture("public");
        int analysed = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order())
        {
            if (file.EndsWith(".md", StringComparison.Ordinal)) continue;
            PcapSipAnalyzer.Analyzer.Paths.PathAnalysisResult result;
            try
            {
                result = await PathHarness.AnalyzeAsync(file, tsharkSip: false);
            }
            catch (PcapSipAnalyzer.Protocols.Capture.CaptureFormatException)
            {
                continue; // not a capture (snoop, NetMon): the reader's business
            }
            analysed++;
            foreach (var f in result.Findings)
            {
                // A scan is one finding per scanned server, its clients counted, not named one by one (ipfixprobe/sip.pcap).
                if (f.Kind == PcapSipAnalyzer.Analyzer.Findings.FindingKind.SipScan)
                    Assert.False(string.IsNullOrEmpty(f.Server), $"{file}: {f.Kind} without server");
                else
                    Assert.False(string.IsNullOrEmpty(f.Client), $"{file}: {f.Kind} without client");
                Assert.NotEmpty(f.Frames);
                Assert.False(string.IsNullOrEmpty(f.WiresharkFilter), $"{file}: {f.Kind} without filter");
                Assert.False(string.IsNullOrEmpty(f.Explanation));
            }
        }
        Assert.True(analysed > 150, $"only {analysed} captures analysed");
    }
}
