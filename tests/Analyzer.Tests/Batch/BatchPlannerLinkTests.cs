using PcapSipAnalyzer.Analyzer.Batch;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Batch;

/// <summary>
/// <c>batch</c> reads each real file once, however many names lead to it: a folder holding a link to itself
/// (once walked 40 levels deep: one capture analysed 41 times), links to a capture that is also given directly,
/// the same folder given twice and as a glob, two links to one folder.
/// </summary>
public sealed class BatchPlannerLinkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pcapsip-links-").FullName;

    [Fact]
    public void A_link_loop_and_links_to_a_file_given_directly_give_one_job_per_file()
    {
        var folder = Path.Combine(_root, "captures");
        var sub = Path.Combine(folder, "sub");
        Directory.CreateDirectory(sub);
        var capture = Path.Combine(folder, "a.pcap");
        File.Copy(Fixtures.PathOf("lab/healthy/pbx-uplink.pcap"), capture);
        var other = Path.Combine(sub, "b.pcap");
        File.Copy(Fixtures.PathOf("lab/healthy/pbx-uplink.pcap"), other);
        File.CreateSymbolicLink(Path.Combine(sub, "loop"), "..");
        File.CreateSymbolicLink(Path.Combine(sub, "alias.pcap"), "../a.pcap");
        File.CreateSymbolicLink(Path.Combine(_root, "outside.pcap"), capture);

        var plan = BatchPlanner.Plan([folder, capture, Path.Combine(_root, "outside.pcap"), folder + "/", Path.Combine(folder, "**", "*.pcap")]);

        Assert.Equal([capture, other], plan.SelectMany(j => j.Inputs).Select(i => i.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["a.pcap", "b.pcap"], plan.Select(j => j.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_link_to_a_folder_is_followed_once()
    {
        var real = Path.Combine(_root, "real");
        Directory.CreateDirectory(real);
        File.Copy(Fixtures.PathOf("lab/healthy/pbx-uplink.pcap"), Path.Combine(real, "c.pcap"));
        var top = Path.Combine(_root, "top");
        Directory.CreateDirectory(top);
        File.CreateSymbolicLink(Path.Combine(top, "link-1"), real);
        File.CreateSymbolicLink(Path.Combine(top, "link-2"), real);

        var plan = BatchPlanner.Plan([top]);

        var input = Assert.Single(plan.SelectMany(j => j.Inputs));
        Assert.Equal(Path.Combine(top, "link-1", "c.pcap"), input.Path);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
