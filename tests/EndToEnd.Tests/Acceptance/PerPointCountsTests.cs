using System.Text.Json;
using System.Text.RegularExpressions;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Counts in the prose are one point's, never the sum over points: the client of the TCP lab scenario sent its SYN
/// as many more times with the router's two legs added as from the PBX uplink alone (each point sees every SYN).
/// The verdict's counts of what the capture showed count each transaction, registration, call and stream once,
/// however many points saw it.
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

    // The lab's healthy verdicts, each with the router's two legs and the PBX uplink: every phone's SIP passes the uplink.
    [Theory]
    [InlineData("healthy")]
    [InlineData("media-bypass")]
    [InlineData("mtu-discovery")]
    [InlineData("tcp-segments")]
    [InlineData("genuine-wrong-password")]
    public void The_verdict_counts_what_the_lab_did_once_however_many_points_saw_it(string name)
    {
        var lab = LabScenario.Load(name);
        var all = VerdictOf(lab.Directory, GoldenReportTests.Captures(lab.Directory, "all"));
        var uplink = VerdictOf(lab.Directory, "pbx-uplink.pcap");

        Assert.Equal(3, all.Points);
        Assert.Equal(lab.Clients.Where(c => c.Role == "register").Select(c => c.Client).Distinct().Count(), all.Registrations);
        Assert.Equal(lab.Clients.Count(c => c.Role == "call"), all.Calls);
        Assert.Equal(lab.MediaStreamsSeenAnywhere, all.Streams);
        // The uplink sees every transaction (all of them are the PBX's); the router's legs add none.
        Assert.Equal(uplink.Transactions, all.Transactions);
        Assert.True(all.Transactions > 0);
    }

    // A capture and a copy of it given as two points: every message is seen at both, and counted once.
    [Theory]
    [InlineData("lab/healthy/pbx-uplink.pcap")]
    [InlineData("lab/media-bypass/router1.pcapng")]
    [InlineData("public/heplify/rtp_rtcp_sip_ipv4_udp.pcap")]
    public void A_capture_and_its_copy_count_as_the_capture_alone(string fixture)
    {
        using var temp = new TempFolder();
        string original = Fixtures.PathOf(fixture);
        string copy = temp.File("copy" + Path.GetExtension(original));
        File.Copy(original, copy);
        var alone = VerdictOf(temp.Path, original);
        var both = VerdictOf(temp.Path, "--point", "a=" + original, "--point", "b=" + copy);

        Assert.Equal(2 * alone.Points, both.Points);
        Assert.Equal(alone with { Points = 0 }, both with { Points = 0 });
        Assert.True(alone.Transactions > 0 && alone.Streams > 0);
    }

    private sealed record Verdict(long Transactions, long Registrations, long Registered, long Calls, long Streams, long Points);

    // The figures of the report's healthy first line ("No routing or registration problem found: 8 SIP transactions, …").
    private static Verdict VerdictOf(string dir, params string[] args)
    {
        var run = PcapsipCli.Run("dotnet", [PcapsipCli.Dll, "analyze", .. args, "--no-progress"], PcapsipCli.DefaultTimeout, dir);
        Assert.Equal(0, run.ExitCode);
        string line = run.Output.Split('\n')[0];
        var m = Basis().Match(line);
        Assert.True(m.Success, line);
        long N(int group) => long.Parse(m.Groups[group].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        return new Verdict(N(1), N(2), N(3), N(4), N(5), N(6));
    }

    [GeneratedRegex(@"^No routing .*?([\d,]+) SIP transactions?, ([\d,]+) registrations? \(([\d,]+) registered\), ([\d,]+) calls? with SDP, ([\d,]+) RTP streams? at ([\d,]+) capture points?\.$")]
    private static partial Regex Basis();

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
