using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>A console table's text column: as wide as its longest value within its bounds, every cell that wide.</summary>
public class ConsoleColumnTests
{
    [Fact]
    public void Every_cell_is_as_wide_as_the_longest_value_up_to_the_cap_and_longer_ones_are_cut()
    {
        string[] values = [new('a', 10), new('b', 40), new('c', 70)];
        int width = ConsoleColumn.WidthOf(values, 32, 48);
        Assert.Equal(48, width);
        var cells = values.Select(v => ConsoleColumn.Cell(v, width)).ToArray();
        Assert.All(cells, c => Assert.Equal(48, c.Length));
        Assert.Equal(new string('a', 10) + new string(' ', 38), cells[0]);
        Assert.Equal(new string('b', 40) + new string(' ', 8), cells[1]);
        Assert.Equal(new string('c', 47) + "…", cells[2]);
    }

    [Fact]
    public void Short_values_keep_the_least_width_and_one_in_between_sets_it()
    {
        Assert.Equal(32, ConsoleColumn.WidthOf(["sip:1001@192.168.0.10", "sip:8000@192.168.0.10"], 32, 48));
        Assert.Equal(38, ConsoleColumn.WidthOf(["sip:1001@192.168.0.10", "sip:9876@fe80:0:0:0:21a:a0ff:fe07:32e0"], 32, 48));
        Assert.Equal(32, ConsoleColumn.WidthOf([], 32, 48));
    }
}
