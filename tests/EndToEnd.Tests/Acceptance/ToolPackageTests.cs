namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Issue 7: the package <c>dotnet pack src/Cli</c> makes installs as a .NET tool into a fresh folder and runs
/// <c>analyze</c>. The pack reuses the build this test run already made of src/Cli (<c>--no-build</c>, same
/// configuration): a fresh Release build would take minutes on a shared machine and test the compiler, not the package.
/// </summary>
public class ToolPackageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_packed_tool_installs_into_a_fresh_folder_and_analyzes_the_field_case()
    {
        using var folder = new TempFolder();
        string packages = folder.File("packages"), tools = folder.File("tools");
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
        string project = Path.Combine(TestSupport.Fixtures.RepositoryRoot, "src", "Cli");

        PcapsipCli.Run("dotnet", ["pack", project, "-c", configuration, "--no-build", "-o", packages], Limit).Succeeded();
        var package = Assert.Single(Directory.GetFiles(packages, "PcapSipAnalyzer.*.nupkg"));
        AssertMetadata(package);
        PcapsipCli.Run("dotnet", ["tool", "install", "PcapSipAnalyzer", "--tool-path", tools, "--add-source", packages], Limit, folder.Path).Succeeded();

        string tool = Path.Combine(tools, "pcapsip");
        Assert.True(File.Exists(tool), "the tool command pcapsip was not installed");
        var version = PcapsipCli.Run(tool, ["--version"], Limit).Succeeded();
        Assert.StartsWith("0.", version.Output.Trim());
        var scenario = LabScenario.Load("wrong-gateway-drop");
        var run = PcapsipCli.Run(tool, ["analyze", scenario.PbxUplink, "--fail-on", "error", "--no-progress"], Limit);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode} (expected 2: the field case has errors): {run.Error}");
        Assert.Contains("response-wrong-gateway", run.Output);
    }

    // What nuget.org and `dotnet tool search` show: the README, tags and where the source lives.
    private static void AssertMetadata(string package)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(package);
        Assert.NotNull(archive.GetEntry("README.md"));
        using var reader = new StreamReader(archive.Entries.Single(e => e.Name.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var nuspec = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
        string Value(string name) => nuspec.Descendants().First(e => e.Name.LocalName == name).Value;
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("sip", Value("tags").Split(' '));
        Assert.StartsWith("https://", nuspec.Descendants().First(e => e.Name.LocalName == "repository").Attribute("url")!.Value);
    }
}
