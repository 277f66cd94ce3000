using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>One file, whatever the name: the target, a link to it, a link to its folder, another spelling.</summary>
public sealed class FileIdentityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pcapsip-identity-").FullName;

    [Fact]
    public void Every_name_of_a_file_has_its_identity_and_no_other_file_has()
    {
        var file = Path.Combine(_root, "in.pcap");
        File.WriteAllText(file, "capture");
        var other = Path.Combine(_root, "other.pcap");
        File.WriteAllText(other, "capture");
        var link = Path.Combine(_root, "link.pcap");
        File.CreateSymbolicLink(link, "in.pcap");
        var folderLink = Path.Combine(_root, "folder-link");
        File.CreateSymbolicLink(folderLink, _root);

        var identity = FileIdentity.Of(file);
        Assert.NotNull(identity);
        Assert.Equal(identity, FileIdentity.Of(link));
        Assert.Equal(identity, FileIdentity.Of(Path.Combine(folderLink, "in.pcap")));
        Assert.Equal(identity, FileIdentity.Of(Path.Combine(_root, ".", "..", Path.GetFileName(_root), "in.pcap")));
        Assert.NotEqual(identity, FileIdentity.Of(other));
        Assert.Null(FileIdentity.Of(Path.Combine(_root, "missing.pcap")));
        Assert.Null(FileIdentity.Of("-"));
    }

    [Fact]
    public void An_output_is_found_among_the_inputs_only_when_it_is_one()
    {
        var input = Path.Combine(_root, "in.pcap");
        File.WriteAllText(input, "capture");
        var link = Path.Combine(_root, "link.pcap");
        File.CreateSymbolicLink(link, input);
        var unrelated = Path.Combine(_root, "report.json");
        File.WriteAllText(unrelated, "{}");

        Assert.Equal(input, FileIdentity.FirstInputAmong([unrelated, Path.Combine(_root, "new.json"), input], [link]));
        Assert.Null(FileIdentity.FirstInputAmong([unrelated, Path.Combine(_root, "new.json")], [link, "-"]));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
