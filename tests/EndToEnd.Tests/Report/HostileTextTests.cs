using System.Globalization;
using CsvHelper;
using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// Text from a packet is attacker-controlled. With markup, a spreadsheet formula and ANSI escapes in the SIP
/// headers: the HTML shows them as text (Chromium builds no script or image element from them), no CSV cell
/// starts a formula, and no control character reaches the console or any text output.
/// </summary>
public class HostileTextTests
{
    [Fact]
    public void Markup_formulas_and_escape_sequences_from_a_capture_stay_text_in_every_output()
    {
        using var folder = new TempFolder();
        string capture = folder.File("hostile.pcap");
        File.WriteAllBytes(capture, HostileTextCapture.Pcap());
        string page = folder.File("report.html"), csv = folder.File("csv"), json = folder.File("report.json"), jsonl = folder.File("findings.jsonl"),
            tables = folder.File("tables");
        var run = PcapsipCli.Run("analyze", capture, "--no-progress", "--html", page, "--csv", csv, "--json", json, "--jsonl", jsonl,
            "--jsonl-tables", tables);
        Assert.Equal(0, run.ExitCode);

        // The console shows the strings, escaped: the test means something only if they reach it.
        Assert.Contains("alert(1)", run.Output);
        Assert.Contains("\\x1B[2J", run.Output);
        AssertNoControlCharacters("console", run.Output);
        Assert.Contains("\\u202Etxt.exe", File.ReadAllText(json));
        foreach (var file in Directory.GetFiles(csv).Concat(Directory.GetFiles(tables)).Append(json).Append(jsonl).Append(page))
            AssertNoControlCharacters(Path.GetFileName(file), File.ReadAllText(file));

        var cells = Directory.GetFiles(csv).SelectMany(Cells).ToList();
        Assert.Contains(cells, c => c.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.Contains("<script>", StringComparison.Ordinal));
        foreach (var cell in cells)
            Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                $"CSV cell starts a formula: {cell}");

        string html = File.ReadAllText(page);
        HtmlLadderTests.AssertSelfContained(html);
        var ladder = new HtmlReportPage(html).Ladders;
        Assert.NotEmpty(ladder);
        var (dom, requests) = HeadlessChromium.Load(page);
        Assert.Empty(requests);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", dom);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", dom);
    }

    // C0 except line feed (and CR only in a CSV's CRLF record ends), DEL and C1: what a terminal acts on; and the
    // bidirectional controls, which reorder what a reader sees.
    private static void AssertNoControlCharacters(string output, string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool lineEnd = c == '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n');
            bool bidi = c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
            Assert.False((c < 0x20 && !lineEnd) || (c >= 0x7F && c <= 0x9F) || bidi, $"{output}: control character U+{(int)c:X4} at {i}");
        }
    }

    private static IEnumerable<string> Cells(string file)
    {
        using var reader = new StreamReader(file);
        using var parser = new CsvParser(reader, CultureInfo.InvariantCulture);
        while (parser.Read())
            foreach (var cell in parser.Record ?? [])
                yield return cell;
    }
}
