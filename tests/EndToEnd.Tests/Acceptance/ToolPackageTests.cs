namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The packages <c>dotnet pack src/Cli</c> makes install as a .NET tool into a fresh folder and run <c>analyze</c>.
/// The tool ships one package per platform (a pointer package, <c>PcapSipAnalyzer.linux-x64</c>, self-contained with the
/// framework and our code compiled into one ReadyToRun image, and the portable <c>PcapSipAnalyzer.any</c>), so the
/// pack builds those two platform builds itself; the portable build this test run already made is reused, and the
/// referenced projects are up to date. On a fresh clone that is about three minutes of CPU (the composite
/// compilation of the framework with our code), two minutes of wall time on a quiet machine and more on a loaded
/// one, hence the pack's longer limit.
/// </summary>
public class ToolPackageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(10);

    [Fact]
    public void The_packed_tool_installs_into_a_fresh_folder_and_analyzes_the_field_case()
    {
        using var folder = new TempFolder();
        string packages = folder.File("packages"), tools = folder.File("tools");
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
        string project = Path.Combine(TestSupport.Fixtures.RepositoryRoot, "src", "Cli");

        PcapsipCli.Run("dotnet", ["pack", project, "-c", configuration, "-o", packages], PackLimit).Succeeded();
        Assert.Equal(
            ["PcapSipAnalyzer", "PcapSipAnalyzer.any", "PcapSipAnalyzer.linux-x64"],
            Directory.GetFiles(packages, "*.nupkg").Select(PackageId).Order(StringComparer.Ordinal));
        foreach (var package in Directory.GetFiles(packages, "*.nupkg"))
            AssertMetadata(package);
        PcapsipCli.Run("dotnet", ["tool", "install", "PcapSipAnalyzer", "--tool-path", tools, "--add-source", packages], Limit, folder.Path).Succeeded();
        if (System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier == "linux-x64")
            Assert.True(InstalledFromPackage(tools, "pcapsipanalyzer.linux-x64"), "the install did not pick the linux-x64 (self-contained, ReadyToRun) package");

        string tool = Path.Combine(tools, "pcapsip");
        Assert.True(File.Exists(tool), "the tool command pcapsip was not installed");
        var version = PcapsipCli.Run(tool, ["--version"], Limit).Succeeded();
        Assert.StartsWith("0.", version.Output.Trim());
        var scenario = LabScenario.Load("wrong-gateway-drop");
        var run = PcapsipCli.Run(tool, ["analyze", scenario.PbxUplink, "--fail-on", "error", "--no-progress"], Limit);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode} (expected 2: the field case has errors): {run.Error}");
        Assert.Contains("response-wrong-gateway", run.Output);

        // The installed command (the tool's launcher) restarts itself for a large input as the published one does:
        // the threshold lowered so that the field case counts as one.
        var restarted = PcapsipCli.Run(tool, ["analyze", scenario.PbxUplink, "--fail-on", "error", "--no-progress", "--timings"], Limit,
            environment: new Dictionary<string, string?> { ["PCAPSIP_GEN0_RELAUNCH_BYTES"] = "1" });
        Assert.True(restarted.ExitCode == 2, $"exit {restarted.ExitCode} after the restart: {restarted.Error}");
        Assert.Contains("process restarted for a large input", restarted.Error);
        Assert.Equal(run.Output, restarted.Output);
    }

    // PcapSipAnalyzer.linux-x64.0.1.0.nupkg -> PcapSipAnalyzer.linux-x64
    private static string PackageId(string package) =>
        System.Text.RegularExpressions.Regex.Replace(Path.GetFileName(package), @"\.\d+\.\d+\.\d+(-[^.]+)?\.nupkg$", "");

    // The tool store keeps each package it unpacked under .store/<pointer id>/<version>/<package id>.
    private static bool InstalledFromPackage(string tools, string packageId) =>
        Directory.EnumerateDirectories(Path.Combine(tools, ".store"), packageId, SearchOption.AllDirectories).Any();

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
