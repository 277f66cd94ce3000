using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Causes that rest on ARP, checked against what tshark decodes of the same captures. gateway-address-conflict: two
/// MACs announce router 1's address and the PBX's replies go to the wrong one — the cause names both MACs as tshark
/// lists them, and router 1's own capture (where the replies never show) says another device announces its address.
/// wide-netmask: the PBX asks ARP for the phones themselves — the cause counts the requests tshark counts.
/// </summary>
public class ArpEvidenceCauseTests
{
    [Fact]
    public void Two_macs_announcing_the_gateway_s_address_are_named_as_the_conflict()
    {
        var scenario = LabScenario.Load("gateway-address-conflict");
        var announcers = Tshark.Fields(scenario.PbxUplink, "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.opcode")
            .Where(r => r[1] == "192.168.0.1").Select(r => r[0]).Distinct().Order().ToList();
        Assert.Equal(2, announcers.Count);
        // The MAC the PBX's 401s went to.
        var answeredTo = Assert.Single(Tshark.Fields(scenario.PbxUplink, "eth.dst", "sip.Status-Code", "ip.dst")
            .Where(r => r[1] == "401" && r[2].StartsWith("192.168.1.", StringComparison.Ordinal)).Select(r => r[0]).Distinct());

        var cause = ErrorCause(scenario.PbxUplink);
        Assert.Equal("address-conflict", cause.GetProperty("kind").GetString());
        string summary = cause.GetProperty("summary").GetString()!;
        Assert.All(announcers, mac => Assert.Contains(mac, summary));
        Assert.StartsWith($"Find the device with MAC {answeredTo}", cause.GetProperty("fix").GetString());

        var atRouter = ErrorCause(scenario.Router1!);
        Assert.Equal("server-silent", atRouter.GetProperty("kind").GetString());
        Assert.Contains("Another device on this link announces 192.168.0.1", atRouter.GetProperty("fix").GetString());
    }

    [Fact]
    public void A_server_asking_arp_for_the_phones_is_counted_as_tshark_counts_it()
    {
        var scenario = LabScenario.Load("wide-netmask");
        int asked = Tshark.Fields(scenario.PbxUplink, "arp.opcode", "arp.src.proto_ipv4", "arp.dst.proto_ipv4")
            .Count(r => r[0] == "1" && r[1] == "192.168.0.10" && r[2].StartsWith("192.168.1.", StringComparison.Ordinal));
        Assert.True(asked > 0);

        var cause = ErrorCause(scenario.PbxUplink);
        Assert.Equal("clients-taken-on-link", cause.GetProperty("kind").GetString());
        Assert.Contains($"({asked} requests, none answered)", cause.GetProperty("summary").GetString());
        Assert.Equal("192.168.1.0/24", cause.GetProperty("subnet").GetString());
        // Every phone of subnet B, the TCP one included; the desk phone in A works.
        var failing = scenario.Clients.Where(c => !c.Completed).Select(c => c.Client).Order().ToList();
        Assert.Equal(failing, cause.GetProperty("clients").EnumerateArray().Select(c => c.GetString()!).Order().ToList());
    }

    private static JsonElement ErrorCause(string capture)
    {
        using var folder = new TempFolder();
        string json = folder.File("report.json");
        var run = PcapsipCli.Run("analyze", capture, "--no-progress", "--json", json);
        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        return Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray(), c => c.GetProperty("severity").GetString() == "error").Clone();
    }
}
