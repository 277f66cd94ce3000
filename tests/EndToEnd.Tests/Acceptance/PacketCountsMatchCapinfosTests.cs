using System.Diagnostics;
using System.Text.RegularExpressions;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// On every public capture with SIP or RTP, the JSON report's packet count per capture equals Wireshark's
/// (<c>capinfos -c -M</c>): no record is skipped or invented before the SIP and RTP figures are even compared.
/// </summary>
public partial class PacketCountsMatchCapinfosTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var file in PublicCaptureCatalog.WithSip().Union(PublicCaptureCatalog.WithRtp()).Order(StringComparer.Ordinal))
        {
            // A NetMon file, refused on purpose (SipCountsMatchTsharkTests.Not_a_pcap_file_is_refused_not_counted).
            if (file != "public/wireshark-wiki/c07-sip-r2.cap")
                data.Add(file);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Packets_per_capture_equal_capinfos(string capture)
    {
        string file = Fixtures.PathOf(capture);
        var report = PipelineReport.Of(file);
        long ours = report.Json.GetProperty("captures").EnumerateArray().Sum(c => c.GetProperty("packets").GetInt64());
        Assert.Equal(Capinfos(file), ours);
    }

    private static long Capinfos(string file)
    {
        var start = new ProcessStartInfo("capinfos") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "-M", file })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("capinfos did not start");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = PacketCount().Match(output);
        Assert.True(match.Success, $"capinfos on {file}: {output} {error.Result}");
        return long.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex(@"Number of packets:\s+(\d+)")]
    private static partial Regex PacketCount();
}
