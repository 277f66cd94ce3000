using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Reports.Html;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>The one rule every text output applies to captured text, and the CSV writer's formula escape.</summary>
public class HostileTextOutputTests
{
    [Theory]
    [InlineData("\u001b[2J", "\\x1B[2J")]
    [InlineData("a\u001b]0;title\u0007b", "a\\x1B]0;title\\x07b")]
    [InlineData("cr\rtab\tdel\u007fc1\u009b", "cr\\x0Dtab\\x09del\\x7Fc1\\x9B")]
    [InlineData("rtl\u202eexe.txt", "rtl\\u202Eexe.txt")]
    [InlineData("line\nfeed →", "line\nfeed →")]
    public void Control_characters_become_visible_escapes(string captured, string shown)
    {
        Assert.Equal(shown, ControlCharacters.Clean(captured));
        var console = new StringWriter();
        using (var safe = new SafeTextWriter(console)) safe.Write(captured);
        Assert.Equal(shown, console.ToString());
    }

    [Fact]
    public void Markup_is_text_in_the_page_and_long_values_are_cut()
    {
        Assert.Equal("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;\\x1B", HtmlText.Encode("<img src=x onerror=alert(1)>\"'\u001b"));
        Assert.Equal(10, HtmlText.Encode(new string('a', 1000), 10).Length);
    }

    public sealed class Row
    {
        public string Text { get; set; } = "";
        public double Number { get; set; }
    }

    [Fact]
    public void A_text_cell_that_starts_a_formula_is_escaped_and_a_negative_number_is_not()
    {
        using var folder = new TempDirectory();
        string path = Path.Combine(folder.Path, "t.csv");
        using (var staged = new StagedOutputs())
        {
            CsvTables.Write(staged, path, new[]
            {
                new Row { Text = "=HYPERLINK(\"http://x\",\"y\")", Number = -1 },
                new Row { Text = "-2+3", Number = 1.5 },
                new Row { Text = "@SUM(A1)", Number = 0 },
            });
            staged.Commit();
        }
        var lines = File.ReadAllLines(path);
        Assert.Equal("text,number", lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-1", lines[1]);
        Assert.Equal("\"'-2+3\",1.5", lines[2]);
        Assert.Equal("\"'@SUM(A1)\",0", lines[3]);
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("pcapsip-csv-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
