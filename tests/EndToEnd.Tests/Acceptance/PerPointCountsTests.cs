using System.Text.Json;
using System.Text.RegularExpressions;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Counts in the prose are one point's, never the sum over points: the client of the TCP lab scenario sent its SYN
/// as many more times with the router's two legs added as from the PBX uplink alone (each point sees every SYN).
/// </summary>
public partial class PerPointCountsTests
{
    [Fact]
    public void Syn_retries_are_counted_at_one_point_not_added_over_points()
    {
        string dir = Fixtures.PathOf("lab/tcp-wrong-gateway-drop");
        var alone = SynRetries(dir, "pbx-uplink.pcap");
        var all = SynRetries(dir, "pbx-uplink.pcap", "router1.pcapng");

        Assert.NotEmpty(alone);
        Assert.All(alone.Values, n => Assert.True(n > 0));
        Assert.Equal(alone, all);
    }

    // Per client of a syn-ack-wrong-gateway finding, the "sent its SYN N more times" of its explanation.
    private static SortedDictionary<string, int> SynRetries(string dir, params string[] files)
    {
        using var temp = new TempFolder();
        var run = PcapsipCli.Run("dotnet", [PcapsipCli.Dll, "analyze", .. files, "--no-progress", "--json", temp.File("r.json")],
            PcapsipCli.DefaultTimeout, dir);
        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(temp.File("r.json")));
        var retries = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in report.RootElement.GetProperty("findings").EnumerateArray())
            if (f.GetProperty("kind").GetString() == "syn-ack-wrong-gateway"
                && SynMore().Match(f.GetProperty("explanation").GetString()!) is { Success: true } m)
                retries[f.GetProperty("client").GetString()!] = int.Parse(m.Groups[1].Value);
        return retries;
    }

    [GeneratedRegex("sent its SYN (\\d+) more time")]
    private static partial Regex SynMore();
}
