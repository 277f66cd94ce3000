using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// The console's registration list shows the phones; a scanner's attempts, summed up in the sip-scan finding, are
/// one line at its end, so that forty scanner lines never hide a phone's failed registration.
/// </summary>
public class ScanRegistrationsConsoleTests
{
    [Fact]
    public async Task A_scan_during_the_fault_lists_the_phones_and_counts_the_scanners_attempts()
    {
        string dir = Fixtures.PathOf("lab/scan-during-fault");
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        long scannerRegisters = expected.RootElement.GetProperty("scan").GetProperty("methods").GetProperty("REGISTER").GetInt64();

        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(Path.Combine(dir, "pbx-uplink.pcap"))]);
        using var text = new StringWriter();
        new ConsoleReportWriter(text).Write(result);
        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        int start = lines.FindIndex(l => l.StartsWith("Registrations (AOR", StringComparison.Ordinal));
        Assert.True(start >= 0);
        var section = lines.Skip(start + 1).TakeWhile(l => l.Length > 0).ToList();
        var listed = section.Where(l => !l.TrimStart().StartsWith('…')).ToList();
        // The phones of the lab (the desk phone and the two moved softphones); no scanner source (192.168.1.100-149).
        Assert.Equal(["sip:2001@192.168.0.10", "sip:1001@192.168.0.10", "sip:1002@192.168.0.10"],
            listed.Select(l => l.Trim().Split(' ')[0]));
        Assert.All(listed, l => Assert.DoesNotMatch(@"192\.168\.1\.1[0-4]\d:", l));
        Assert.Equal($"  … and {scannerRegisters} attempts by scanners, counted in the sip-scan finding (listed in the JSON/CSV reports)", section[^1]);
    }
}
