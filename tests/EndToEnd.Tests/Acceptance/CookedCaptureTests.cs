using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The lab's faults captured on the PBX with tcpdump -i any (a Linux cooked capture, which keeps no destination MAC),
/// beside the same run's Ethernet capture of the uplink. The cooked one said the replies "leave toward the right next
/// hop an unknown next hop" and sent the engineer to "Check ?": it cannot see the next hop, and now says so, names
/// what it can see instead — the ARP requests the PBX sent for another gateway — and how to find the route.
/// </summary>
public class CookedCaptureTests
{
    [Theory]
    [InlineData("wrong-gateway-drop")]
    [InlineData("tcp-wrong-gateway-drop")]
    public void A_wrong_gateway_seen_from_a_cooked_capture_is_told_as_unknown_next_hop_with_the_arp_that_points_at_it(string name)
    {
        var scenario = LabScenario.Load(name, "lab-cooked");
        var (wrongIp, _) = scenario.WrongGateway!.Value;
        string cooked = Path.Combine(scenario.Directory, "pbx-any.pcap");
        Assert.Equal(276, BitConverter.ToInt32(File.ReadAllBytes(cooked), 20)); // LINKTYPE_LINUX_SLL2

        // The uplink's Ethernet capture of the same run sees the wrong gateway itself.
        var ethernet = PipelineReport.Of(scenario.PbxUplink).Json;
        var truth = Assert.Single(ethernet.GetProperty("causes").EnumerateArray());
        Assert.Equal("wrong-gateway-route", truth.GetProperty("kind").GetString());

        var report = PipelineReport.Of(cooked).Json;
        var cause = Assert.Single(report.GetProperty("causes").EnumerateArray());
        Assert.Equal("error", cause.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, cause.GetProperty("wrong_next_hop").ValueKind);
        Assert.EndsWith("never reach the clients; this capture does not record which next hop they leave through.", cause.GetProperty("summary").GetString());
        Assert.Contains("not -i any", cause.GetProperty("fix").GetString());
        // The answer first: the route to correct, from the ARP the PBX sent for the wrong gateway.
        Assert.StartsWith($"On 192.168.0.10, route 192.168.1.0/24 via 192.168.0.1 (where its requests come from): around its replies it asked ARP for {wrongIp}",
            cause.GetProperty("fix").GetString());
        Assert.Equal(Clients(truth), Clients(cause));
        string text = JsonSerializer.Serialize(report);
        Assert.DoesNotContain("right next hop", text);
        Assert.DoesNotContain("Check ?", text);

        // Each finding names the PBX's ARP requests for the wrong gateway, by frames that tshark shows are just that.
        var asked = Tshark.Fields(cooked, $"arp.opcode == 1 && arp.src.proto_ipv4 == 192.168.0.10 && arp.dst.proto_ipv4 == {wrongIp}", ["frame.number"])
            .Select(row => row[0]).ToHashSet();
        Assert.NotEmpty(asked);
        foreach (var finding in report.GetProperty("findings").EnumerateArray())
        {
            var details = finding.GetProperty("details");
            Assert.False(details.GetProperty("next_hop_recorded").GetBoolean());
            Assert.Equal(wrongIp, details.GetProperty("likely_next_hop").GetString());
            Assert.Equal([wrongIp], details.GetProperty("gateways_looked_up").EnumerateArray().Select(g => g.GetString()));
            string explanation = finding.GetProperty("explanation").GetString()!;
            Assert.Contains($"asked ARP for {wrongIp} (frame", explanation);
            Assert.Contains($"most likely left through {wrongIp}", explanation);
            string frames = explanation[(explanation.IndexOf($"asked ARP for {wrongIp} (frame", StringComparison.Ordinal) + $"asked ARP for {wrongIp} (frame".Length)..];
            frames = frames.TrimStart('s', ' ')[..frames.TrimStart('s', ' ').IndexOf(')')];
            Assert.All(frames.Split(", "), frame => Assert.Contains(frame, asked));
            // …and are among its evidence frames, so the annotated capture marks them too.
            var evidence = finding.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("frame").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            Assert.All(frames.Split(", "), frame => Assert.Contains(frame, evidence));
        }
    }

    [Fact]
    public void The_ladder_of_a_cooked_capture_names_no_next_hop_it_did_not_see()
    {
        var scenario = LabScenario.Load("wrong-gateway-drop", "lab-cooked");
        using var folder = new TempFolder();
        string page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", Path.Combine(scenario.Directory, "pbx-any.pcap"), "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode);
        string html = File.ReadAllText(page);
        // Each arrow's detail said "→ 00:00:00:00:00:00": the all-zero MAC a cooked capture stands in for the missing one.
        Assert.DoesNotContain("00:00:00:00:00:00", html);
        Assert.Contains("next hop not recorded", html);
    }

    [Fact]
    public void A_healthy_lab_captured_with_tcpdump_any_reports_no_problem()
    {
        var scenario = LabScenario.Load("healthy", "lab-cooked");
        var report = PipelineReport.Of(Path.Combine(scenario.Directory, "pbx-any.pcap")).Json;
        Assert.Empty(report.GetProperty("causes").EnumerateArray());
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() is "error" or "warning");
    }

    private static List<string> Clients(JsonElement cause) =>
        cause.GetProperty("clients").EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal).ToList();
}
