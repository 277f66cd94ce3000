using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// The console's registration and call lists show the phones; a scanner's attempts, summed up in the sip-scan
/// finding, are one line at their end, so that forty scanner lines never hide a phone's failed registration or call.
/// </summary>
public class ScanListsConsoleTests
{
    private static async Task<List<string>> SectionAsync(string capture, string title) => Section(await AnalyzeAsync(capture), title);

    private static Task<AnalysisResult> AnalyzeAsync(string capture) => new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(capture)]);

    private static List<string> Section(AnalysisResult result, string title)
    {
        using var text = new StringWriter();
        new ConsoleReportWriter(text).Write(result);
        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int start = lines.FindIndex(l => l.StartsWith(title, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no section {title}");
        return lines.Skip(start + 1).TakeWhile(l => l.Length > 0).ToList();
    }

    [Fact]
    public async Task A_scanner_that_guessed_a_password_is_named_first_and_stays_listed()
    {
        // ipfixprobe/sip.pcap: friendly-scanner tries passwords for 6001 and gets a 200 (tshark: the one 2xx to a REGISTER).
        string path = Fixtures.PathOf("public/ipfixprobe/sip.pcap");
        var ok = Tshark.Run("-r", path, "-Y", "sip.Status-Code >= 200 && sip.Status-Code < 300 && sip.CSeq.method == \"REGISTER\"",
            "-T", "fields", "-e", "frame.number", "-e", "sip.to.addr").Output.Trim().Split('\t');
        string aor = ok[1];

        var result = await AnalyzeAsync(path);
        var cause = Assert.Single(result.Causes, c => c.Kind == PcapSipAnalyzer.Analyzer.Diagnosis.CauseKind.SipScan && c.Severity == PcapSipAnalyzer.Analyzer.Findings.Severity.Warning);
        // Its own headline, then the other endpoints the same scanner swept.
        Assert.Contains($": the scanner registered as {aor}; ", cause.Summary);
        Assert.Contains(". The same source also scanned ", cause.Summary);
        Assert.Contains($": the scanner registered as {aor}; ", cause.Findings[0].Summary);
        Assert.StartsWith($"Change the password of {aor} now", cause.Fix);
        // Before it got in, it guessed wrong: every REGISTER with credentials tshark finds, but the one accepted.
        int guesses = Tshark.Fields(path, "sip.Method == \"REGISTER\" && sip.Authorization", ["frame.number"]).Count - 1;
        string user = aor[4..aor.IndexOf('@')];
        Assert.EndsWith($"; {guesses} were password guesses for user {user}, refused.", cause.Findings[0].Summary);
        var evidence = Assert.IsType<PcapSipAnalyzer.Analyzer.Scans.SipScanEvidence>(cause.Findings[0].Evidence);
        Assert.Equal(guesses, evidence.RefusedGuesses);
        Assert.Equal([new KeyValuePair<string, long>(user, guesses)], evidence.GuessedUsers);
        // The accepted request is named with its frames, the 200 among them.
        Assert.Matches($@"REGISTER for {System.Text.RegularExpressions.Regex.Escape(aor)} from [\d.:]+ \(200, frames [\d, ]*\b{ok[0]}\)", cause.Findings[0].Explanation);
        var section = Section(result, "Registrations (AOR");
        Assert.Contains(section, l => l.TrimStart().StartsWith(aor, StringComparison.Ordinal) && l.Contains(" registered ", StringComparison.Ordinal));
        // The same scanner's single INVITEs to other addresses and ports are scans of one instant: no "Over 0 s".
        var single = result.Findings.Where(f => f.Kind == PcapSipAnalyzer.Analyzer.Findings.FindingKind.SipScan && f.Count == 1).ToList();
        Assert.NotEmpty(single);
        Assert.All(single, f => Assert.Matches(@"^195\.113\.172\.\d+:\d+ was sent 1 request \(INVITE ×1\)", f.Explanation));
        Assert.Matches(@"^  … and \d+ attempts by scanners", section[^1]);
    }

    [Fact]
    public async Task An_invite_scan_leaves_the_call_list_to_the_calls()
    {
        // The synthesizer's flood of 3 000 unanswered INVITEs from as many sources (From sip:scanner@…), nothing else.
        string directory = Directory.CreateTempSubdirectory("pcapsip-invite-scan-").FullName;
        try
        {
            string path = Path.Combine(directory, "calls.pcap");
            CaptureSynthesis.Run(new SynthesisOptions
            {
                OutputPath = path, Flood = FloodKind.CallIds, FloodCount = 3000, TargetBytes = 2_000_000, HeaderBytes = 1_000_000, Seed = 2,
            });
            var result = await AnalyzeAsync(path);
            var section = Section(result, "Calls (");
            int attempts = MergedDialog.All(result).Count;
            Assert.InRange(attempts, 1, 3000);
            Assert.Equal([$"  … and {attempts:N0} call attempts by scanners, counted in the sip-scan finding (listed in the JSON/CSV reports)"], section);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public async Task A_scan_during_the_fault_lists_the_phones_and_counts_the_scanners_attempts()
    {
        string dir = Fixtures.PathOf("lab/scan-during-fault");
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        long scannerRegisters = expected.RootElement.GetProperty("scan").GetProperty("methods").GetProperty("REGISTER").GetInt64();

        var section = await SectionAsync(Path.Combine(dir, "pbx-uplink.pcap"), "Registrations (AOR");
        var listed = section.Where(l => !l.TrimStart().StartsWith('…')).ToList();
        // The phones of the lab (the desk phone and the two moved softphones); no scanner source (192.168.1.100-149).
        Assert.Equal(["sip:2001@192.168.0.10", "sip:1001@192.168.0.10", "sip:1002@192.168.0.10"],
            listed.Select(l => l.Trim().Split(' ')[0]));
        Assert.All(listed, l => Assert.DoesNotMatch(@"192\.168\.1\.1[0-4]\d:", l));
        Assert.Equal($"  … and {scannerRegisters} attempts by scanners, counted in the sip-scan finding (listed in the JSON/CSV reports)", section[^1]);
    }
}
