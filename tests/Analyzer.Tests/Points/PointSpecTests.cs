using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Points;

namespace PcapSipAnalyzer.Analyzer.Tests.Points;

/// <summary><c>--point NAME=FILE[#IFACE]</c>: parsing, and the point names an analysis gives.</summary>
public class PointSpecTests
{
    [Theory]
    [InlineData("pbx=caps/pbx.pcap", "pbx", "caps/pbx.pcap", null)]
    [InlineData("r1b=router1.pcapng#lan-b", "r1b", "router1.pcapng", "lan-b")]
    [InlineData("r1a=router1.pcapng#0", "r1a", "router1.pcapng", "0")]
    public void Parses_name_file_and_interface(string text, string name, string path, string? iface)
    {
        Assert.True(PointSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal(new PointSpec(name, path, iface), spec);
    }

    [Theory]
    [InlineData("router1.pcapng")]
    [InlineData("=router1.pcapng")]
    [InlineData("r1=")]
    [InlineData("a#b=router1.pcapng")]
    public void Rejects_malformed_specs(string text)
    {
        Assert.False(PointSpec.TryParse(text, out _, out var error));
        Assert.Contains("--point", error);
    }

    [Fact]
    public void A_file_whose_name_contains_a_hash_is_not_split()
    {
        string dir = Directory.CreateTempSubdirectory("pcapsip-spec-").FullName;
        try
        {
            string file = Path.Combine(dir, "cap#1.pcap");
            File.WriteAllBytes(file, []);
            Assert.True(PointSpec.TryParse("x=" + file, out var spec, out _));
            Assert.Equal(file, spec!.Path);
            Assert.Null(spec.Interface);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Names_a_file_or_one_interface_by_name_or_index()
    {
        string router = LabPoints.File("healthy", "router1.pcapng"), pbx = LabPoints.File("healthy", "pbx-uplink.pcap");
        var specs = new[] { "PBX uplink=" + pbx, "router B leg=" + router + "#lan-b" }.Select(Parse).ToList();
        var result = await LabPoints.AnalyzeAsync([.. CaptureInput.For([router], specs)]);
        Assert.Equal(["router1#lan-a", "router B leg", "PBX uplink"], result.Points.Select(p => p.Name));
        // Both legs keep router 1's clock: one offset for the file, measured against it.
        Assert.Equal(["router1", "PBX uplink"], result.Correlation!.Clocks.Select(c => c.Clock));

        var byIndex = await LabPoints.AnalyzeAsync([.. CaptureInput.For([], [Parse("a=" + router + "#0"), Parse("b=" + router + "#1")])]);
        Assert.Equal(["a", "b"], byIndex.Points.Select(p => p.Name));
        Assert.Single(byIndex.Captures);
    }

    private static PointSpec Parse(string text)
    {
        Assert.True(PointSpec.TryParse(text, out var spec, out var error), error);
        return spec!;
    }
}
