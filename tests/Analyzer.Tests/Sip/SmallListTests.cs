using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// The list that keeps its first item in a field (a live transaction's only request copy, a dialog's only
/// transaction): readers see what a plain list would hold, in order, whether or not the list was made.
/// </summary>
public class SmallListTests
{
    [Fact]
    public void One_item_is_read_without_the_list_and_then_moves_into_it_in_order()
    {
        var list = new SmallList<string>();
        Assert.Equal(0, list.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[0]);

        list.Add("first");
        Assert.Equal(1, list.Count);
        Assert.Equal("first", list[0]);

        list.Add("second");
        Assert.Equal(new[] { "first", "second" }, list.List);
        Assert.Equal("second", list[1]);
    }

    [Fact]
    public void The_list_a_reader_made_is_the_one_later_items_join()
    {
        var list = new SmallList<string>();
        list.Add("first");
        var seen = list.List;
        list.Add("second");
        Assert.Same(seen, list.List);
        Assert.Equal(new[] { "first", "second" }, seen);
    }

    [Fact]
    public void Keeping_the_ends_drops_the_middle_as_KeptHistory_does()
    {
        var small = new SmallList<string>();
        var plain = new List<string>();
        for (int i = 0; i < 9; i++)
            Assert.Equal(KeptHistory.Add(plain, $"t{i}", 2), small.AddKeepingEnds($"t{i}", 2));
        Assert.Equal(new[] { "t0", "t1", "t7", "t8" }, small.List);
        Assert.Equal(plain, small.List);
    }
}
