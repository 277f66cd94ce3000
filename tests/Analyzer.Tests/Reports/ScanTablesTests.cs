using System.Text.Json;
using System.Text.RegularExpressions;
using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Reports.Html;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// A scan seen at several capture points is one cause, told from the point that saw the most of it; the tables mark
/// the scanner's rows (<c>by_scanner</c>) and the HTML lists the phones' rows before them.
/// </summary>
public class ScanTablesTests
{
    private static readonly string LabDir = Fixtures.PathOf("lab/scan-during-fault");

    private static Task<AnalysisResult> AnalyzeAsync(params string[] captures) =>
        new Analysis(new AnalysisOptions()).RunAsync(captures.Select(CaptureInput.ForFile).ToList());

    private static long ScannerRegisters()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(LabDir, "expected.json")));
        return expected.RootElement.GetProperty("scan").GetProperty("methods").GetProperty("REGISTER").GetInt64();
    }

    [Fact]
    public async Task A_scan_seen_at_the_uplink_and_at_the_router_is_one_cause_told_from_the_uplink()
    {
        var result = await AnalyzeAsync(Path.Combine(LabDir, "pbx-uplink.pcap"), Path.Combine(LabDir, "router1.pcapng"));

        var cause = Assert.Single(result.Causes, c => c.Kind == CauseKind.SipScan);
        // One finding per point (the uplink is capture 0, the router capture 1), both under the one cause.
        Assert.Equal([0, 1], cause.Findings.Select(f => f.Frames[0].Capture).Order());
        // The uplink saw the PBX answer the scan; the router saw none of the answers (they left by the wrong gateway).
        var uplink = cause.Findings.Single(f => f.Frames[0].Capture == 0);
        Assert.Contains("accepted none of them", uplink.Summary);
        Assert.Equal(uplink.Summary, cause.Summary);
        Assert.Equal(cause.Findings.Sum(f => f.Frames.Count), cause.FrameCount);
    }

    [Fact]
    public async Task One_scanner_sweeping_several_endpoints_is_one_cause_that_names_them_all()
    {
        // ipfixprobe/sip.pcap: one scanner sends to several addresses and ports of the PBX's network, and registers at one.
        var result = await AnalyzeAsync(Fixtures.PathOf("public/ipfixprobe/sip.pcap"));
        var scans = result.Findings.Where(f => f.Kind == FindingKind.SipScan).ToList();
        var endpoints = scans.Select(f => f.Server!).Distinct().ToList();
        Assert.True(endpoints.Count > 5);

        var cause = Assert.Single(result.Causes, c => c.Kind == CauseKind.SipScan);
        Assert.Equal(scans.Count, cause.Findings.Count);
        // Told from the endpoint where the scanner got in, the one to act on; the others are named after it.
        var registered = Assert.Single(scans, f => f.Evidence is Analyzer.Scans.SipScanEvidence { RegisteredAors.Count: > 0 });
        Assert.StartsWith(registered.Summary, cause.Summary);
        Assert.Equal(Severity.Warning, cause.Severity);
        Assert.Contains($"also scanned {endpoints.Count - 1} more server endpoints", cause.Summary);
        Assert.Contains(endpoints.Where(e => e != registered.Server).Order(StringComparer.Ordinal).First(), cause.Summary);
        Assert.Contains($"with {scans.Where(f => f != registered).Sum(f => f.Count)} requests", cause.Summary);
        // Its filter shows what the scanner sent, to every endpoint: as many frames as tshark finds SIP requests from it.
        var source = Assert.Single(scans.SelectMany(f => ((Analyzer.Scans.SipScanEvidence)f.Evidence!).Samples).Select(s => s.Request.SourceIp).Distinct());
        Assert.Equal($"(ip.src == {source}) && sip.Method", cause.WiresharkFilter);
        Assert.Equal(Tshark.Fields(Fixtures.PathOf("public/ipfixprobe/sip.pcap"), $"ip.src == {source} && sip.Method", ["frame.number"]).Count,
            Tshark.Fields(Fixtures.PathOf("public/ipfixprobe/sip.pcap"), cause.WiresharkFilter!, ["frame.number"]).Count);
    }

    [Fact]
    public async Task Scans_from_different_sources_of_different_servers_stay_different_causes()
    {
        // The lab's scan of 192.168.0.10 from 192.168.x addresses, and the synthesizer's of 10.10.0.10 from elsewhere.
        await WithSynthesizedScanAsync(300, seed: 6, async scan =>
        {
            var result = await AnalyzeAsync(scan, Path.Combine(LabDir, "pbx-uplink.pcap"));

            var causes = result.Causes.Where(c => c.Kind == CauseKind.SipScan).ToList();
            Assert.Equal(["10.10.0.10", "192.168.0.10"], causes.Select(c => c.Server).Order(StringComparer.Ordinal));
            Assert.All(causes, c => Assert.DoesNotContain("also scanned", c.Summary));
            Assert.All(causes, c => Assert.Single(c.Findings.Select(f => f.Server).Distinct()));
        });
    }

    // A REGISTER scan of 10.10.0.10 by the synthesizer, in a folder of its own for the test's time.
    private static async Task WithSynthesizedScanAsync(int requests, ulong seed, Func<string, Task> test)
    {
        string directory = Directory.CreateTempSubdirectory("pcapsip-scan-").FullName;
        try
        {
            string scan = Path.Combine(directory, "scan.pcap");
            CaptureSynthesis.Run(new SynthesisOptions { OutputPath = scan, Flood = FloodKind.RegisterScan, FloodCount = requests, Seed = seed });
            await test(scan);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public async Task A_scan_cause_names_the_scanned_address_and_when_the_scan_ran()
    {
        // The synthesizer's REGISTER scan to 10.10.0.10, none answered: the scan ran from its first SIP request to its
        // last, as tshark reads their times.
        await WithSynthesizedScanAsync(500, seed: 5, async scan =>
        {
            var result = await AnalyzeAsync(scan);
            var cause = Assert.Single(result.Causes, c => c.Kind == CauseKind.SipScan);
            var times = Tshark.Fields(scan, "sip.Request-Line", ["frame.time_epoch"]).Select(row => EpochNs(row[0])).ToList();

            Assert.Equal(500, times.Count);
            Assert.Equal("10.10.0.10", cause.Server);
            Assert.Equal(times.Min(), cause.FirstSeenNs);
            Assert.Equal(times.Max(), cause.LastSeenNs);
            Assert.True(cause.LastSeenNs > cause.FirstSeenNs);
        });
    }

    // tshark's frame.time_epoch ("1700000000.499000000") in ns.
    private static long EpochNs(string epoch)
    {
        var parts = epoch.Split('.');
        return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1_000_000_000
               + long.Parse(parts[1].PadRight(9, '0')[..9], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_scan_from_one_network_names_it()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(LabDir, "expected.json")));
        var scan = expected.RootElement.GetProperty("scan");
        // The lab's scanner sends from one range ("192.168.1.100-192.168.1.149"): its /16 is named, not the /8 it falls in.
        string first = scan.GetProperty("source_addresses").GetString()!.Split('-')[0];
        string network = string.Join('.', first.Split('.').Take(2)) + ".0.0/16";
        var result = await AnalyzeAsync(Path.Combine(LabDir, "pbx-uplink.pcap"));

        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKind.SipScan);
        Assert.Contains($" from {scan.GetProperty("sources").GetInt64()} source addresses in 1 /16 network ({network} \u00d7{scan.GetProperty("requests").GetInt64()}), ",
            finding.Explanation);
    }

    [Fact]
    public async Task The_tables_mark_every_scanner_registration_and_no_phone()
    {
        var result = await AnalyzeAsync(Path.Combine(LabDir, "pbx-uplink.pcap"));
        var rows = ReportTables.Build(result).Registrations;

        Assert.Equal(ScannerRegisters(), rows.Count(r => r.ByScanner));
        Assert.Equal(["sip:1001@192.168.0.10", "sip:1002@192.168.0.10", "sip:2001@192.168.0.10"],
            rows.Where(r => !r.ByScanner).Select(r => r.Aor).Order(StringComparer.Ordinal));
        // Every REGISTER transaction of a scanner row is marked too; the phones' are not.
        var transactions = ReportTables.Build(result).Transactions.Where(t => t.Method == "REGISTER").ToList();
        Assert.Equal(ScannerRegisters(), transactions.Count(t => t.ByScanner));
        Assert.All(transactions.Where(t => !t.ByScanner), t => Assert.StartsWith("192.168.", t.Client));
    }

    [Fact]
    public async Task The_html_lists_the_phones_registrations_before_a_scan_that_came_first()
    {
        // A REGISTER scan (the synthesizer's, 300 sources) as the first capture point, the lab's healthy phones as the second:
        // in the tables' order every scanner row comes before the first phone.
        string directory = Directory.CreateTempSubdirectory("pcapsip-scan-html-").FullName;
        try
        {
            string scan = Path.Combine(directory, "scan.pcap");
            CaptureSynthesis.Run(new SynthesisOptions
            {
                OutputPath = scan, Flood = FloodKind.RegisterScan, FloodCount = 300, TargetBytes = 2_000_000, HeaderBytes = 1_000_000, Seed = 3,
            });
            var result = await AnalyzeAsync(scan, Fixtures.PathOf("lab/healthy/pbx-uplink.pcap"));
            var table = ReportTables.Build(result).Registrations;
            int firstPhone = table.FindIndex(r => !r.ByScanner);
            Assert.True(firstPhone >= 200, $"the first phone is row {firstPhone} of the tables; the test needs it past the HTML's 200 rows");

            using var html = new MemoryStream();
            HtmlReportWriter.Write(html, result, "test");
            string page = System.Text.Encoding.UTF8.GetString(html.ToArray());
            var section = Regex.Match(page, @"<h3>Registrations <span class=""count"">\((\d+)\)</span></h3>.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline);
            Assert.True(section.Success);
            Assert.Equal(table.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), section.Groups[1].Value);
            var shown = Regex.Matches(section.Groups[2].Value, "<tr>(.*?)</tr>").Select(m => Regex.Matches(m.Groups[1].Value, "<td>(.*?)</td>").Select(c => c.Groups[1].Value).ToList()).ToList();
            int byScanner = TableColumnIndex("by_scanner"), aor = TableColumnIndex("aor");
            int phones = table.Count(r => !r.ByScanner);
            Assert.All(shown.Take(phones), row => Assert.Equal("False", row[byScanner]));
            Assert.All(shown.Skip(phones), row => Assert.Equal("True", row[byScanner]));
            Assert.Equal(table.Where(r => !r.ByScanner).Select(r => r.Aor), shown.Take(phones).Select(row => System.Net.WebUtility.HtmlDecode(row[aor])));
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public async Task A_healthy_verdict_beside_a_scan_counts_every_request_and_calls_the_scan_noise()
    {
        // More REGISTERs than the engine keeps in full (10 000): the verdict counts all of them.
        string directory = Directory.CreateTempSubdirectory("pcapsip-scan-verdict-").FullName;
        try
        {
            string scan = Path.Combine(directory, "scan.pcap");
            var truth = CaptureSynthesis.Run(new SynthesisOptions
            {
                OutputPath = scan, Flood = FloodKind.RegisterScan, FloodCount = 12_000, TargetBytes = 2_000_000, HeaderBytes = 1_000_000, Seed = 4,
            });
            var result = await AnalyzeAsync(scan);
            Assert.True(result.Points[0].Sip.Transactions.Count < 12_000, "the engine keeps fewer than the flood sends");
            using var text = new StringWriter();
            new ConsoleReportWriter(text).Write(result);
            string first = text.ToString().Split('\n')[0].TrimEnd('\r');

            Assert.StartsWith($"No routing or registration problem found: {truth.Flood!.Distinct:N0} SIP transactions, ", first);
            var scanCause = Assert.Single(result.Causes, c => c.Kind == CauseKind.SipScan);
            Assert.EndsWith($"; the SIP scan below ({scanCause.Id}) is noise to block at the edge, not a fault of the phones.", first);
            // The HTML page opens with the same words.
            using var html = new MemoryStream();
            HtmlReportWriter.Write(html, result, "test");
            Assert.Contains($"<p class=\"verdict\">{System.Net.WebUtility.HtmlEncode(first)}</p>", System.Text.Encoding.UTF8.GetString(html.ToArray()));
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    private static int TableColumnIndex(string name) =>
        ReportTables.Schemas.Single(s => s.Name == "registrations").Columns.Select(c => c.Name).ToList().IndexOf(name);
}
