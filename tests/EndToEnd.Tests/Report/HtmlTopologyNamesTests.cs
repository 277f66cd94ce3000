using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// The field case with a --topology file naming the phone, the PBX and the wrong gateway: the ladder's columns
/// carry those names with the address under them; without the file, the addresses are the names.
/// </summary>
public class HtmlTopologyNamesTests
{
    private const string CallId = "reg-1-31387@192.168.1.20";

    [Fact]
    public void Phone_pbx_and_router_columns_take_the_topology_file_s_names()
    {
        var scenario = LabScenario.Load("wrong-gateway-drop");
        using var folder = new TempFolder();
        string topology = folder.File("topology.yaml");
        File.WriteAllText(topology, """
            subnets:
              - { cidr: 192.168.0.0/24, name: subnet A, gateway: 192.168.0.1 }
            hosts:
              192.168.1.20: Softphone 1001
              192.168.0.10: IP Office
              "02:a0:00:00:00:fe": old gateway
            """);
        var named = Columns(folder, scenario, "--topology", topology);
        Assert.Equal("Softphone 1001", named[0].Name);
        Assert.Contains("192.168.1.20:5060", named[0].Detail);
        Assert.Equal("IP Office", named[^1].Name);
        Assert.Contains("192.168.0.10:5060", named[^1].Detail);
        Assert.Contains(named, c => c.Name.StartsWith("old gateway", StringComparison.Ordinal));

        var plain = Columns(folder, scenario);
        Assert.Equal("192.168.1.20:5060", plain[0].Name);
        Assert.Equal("192.168.0.10:5060", plain[^1].Name);
        Assert.DoesNotContain(plain, c => c.Name.Contains("old gateway", StringComparison.Ordinal));
    }

    private static List<(string Name, string Detail)> Columns(TempFolder folder, LabScenario scenario, params string[] options)
    {
        string page = folder.File($"report{options.Length}.html");
        var run = PcapsipCli.Run(["analyze", scenario.PbxUplink, scenario.Router1!, "--no-progress", "--html", page, .. options]);
        Assert.Equal(0, run.ExitCode);
        var svg = new HtmlReportPage(File.ReadAllText(page)).Ladder(CallId);
        return HtmlReportPage.Stops(svg)
            .Where(s => !((string)s.Attribute("class")!).Contains("point"))
            .Select(s => ((string)s.Attribute("data-name")!,
                (string?)s.Elements("text").FirstOrDefault(t => (string?)t.Attribute("class") == "hostdetail") ?? ""))
            .ToList();
    }
}
