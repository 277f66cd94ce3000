using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// SIP over TLS cannot be read: the first lines say so, and where to capture instead, rather than "no SIP" or a
/// verdict that leaves the encrypted phones out unsaid. TLS on other ports (messengers, HTTPS) is not called SIP.
/// </summary>
public class EncryptedSipHeadlineTests
{
    private const string TlsSip = "public/wireshark-wiki/sip-tls-1.3-and-rtcp/tls-1.3/sip.pcap";

    private static async Task<string[]> HeadAsync(params string[] captures)
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync(captures.Select(c => CaptureInput.ForFile(Fixtures.PathOf(c))).ToList());
        using var text = new StringWriter();
        new ConsoleReportWriter(text).Write(result);
        return text.ToString().Split('\n').Take(3).Select(l => l.TrimEnd('\r')).ToArray();
    }

    // TCP connections on port 5061 whose payload tshark decodes as TLS.
    private static int TlsStreamsOn5061(string capture) =>
        Tshark.Run("-r", Fixtures.PathOf(capture), "-Y", "tcp.port == 5061 && tls", "-T", "fields", "-e", "tcp.stream").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Count();

    [Fact]
    public async Task A_capture_whose_SIP_is_all_TLS_says_where_to_capture_instead()
    {
        int connections = TlsStreamsOn5061(TlsSip);
        Assert.Equal(1, connections);

        var head = await HeadAsync(TlsSip);
        Assert.StartsWith("Nothing to diagnose: none of the ", head[0]);
        Assert.Contains(" packets is SIP in clear text, but 1 TLS connection on port 5061 carries it encrypted (SIP over TLS): capture where TLS ends", head[0]);
    }

    [Theory]
    [InlineData("public/nDPI/teams.pcap")]
    [InlineData("public/nDPI/KakaoTalk_talk.pcap")]
    public async Task TLS_on_other_ports_is_not_called_SIP(string capture)
    {
        // tshark sees TLS in these messenger captures, none of it on 5061.
        Assert.NotEqual(0, Tshark.Run("-r", Fixtures.PathOf(capture), "-Y", "tls", "-T", "fields", "-e", "tcp.stream").Output.Trim().Length);
        Assert.Equal(0, TlsStreamsOn5061(capture));

        var head = await HeadAsync(capture);
        Assert.StartsWith("Nothing to diagnose:", head[0]);
        Assert.DoesNotContain("TLS", string.Join('\n', head));
    }

    [Fact]
    public async Task A_verdict_on_clear_SIP_names_the_TLS_connections_it_leaves_out()
    {
        // A clear-text call at one point, the TLS phone at another: the verdict covers the first only and says so.
        var head = await HeadAsync("public/wireshark-wiki/sip-rtp-g711.pcap", TlsSip);
        Assert.Equal("1 TLS connection on port 5061 (SIP over TLS) could not be read: the registrations and calls inside it are not in this diagnosis.", head[0]);
        Assert.DoesNotContain("Nothing to diagnose", head[1]);
    }

    [Fact]
    public async Task The_json_report_opens_with_the_same_verdict_and_counts_the_TLS_connections()
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync(
            [CaptureInput.ForFile(Fixtures.PathOf("public/wireshark-wiki/sip-rtp-g711.pcap")), CaptureInput.ForFile(Fixtures.PathOf(TlsSip))]);
        using var text = new StringWriter();
        new ConsoleReportWriter(text).Write(result);
        var console = text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).TakeWhile(l => l.Length > 0).ToList();
        using var json = new MemoryStream();
        JsonReportWriter.Write(json, result, "test");
        using var report = System.Text.Json.JsonDocument.Parse(json.ToArray());

        Assert.Equal(console, report.RootElement.GetProperty("verdict").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([0L, (long)TlsStreamsOn5061(TlsSip)],
            report.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("sip_tls_connections").GetInt64()));
    }
}
