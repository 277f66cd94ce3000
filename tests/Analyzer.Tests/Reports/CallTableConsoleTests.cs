using System.Globalization;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// The console's call table: an answered call whose BYE the capture holds shows 2xx → BYE; one still up when the
/// capture ended shows how long it had lasted by then, marked as a lower bound, so that it does not read as a call
/// that ended. Checked against tshark's answers and BYEs by Call-ID. A URI column is as wide as its longest URI, up
/// to a cap past which a URI is cut, so that every row's columns line up.
/// </summary>
public class CallTableConsoleTests
{
    private const string Capture = "public/wireshark-wiki/sip-rtp-g711.pcap";

    [Fact]
    public async Task A_call_without_BYE_is_marked_as_still_up_and_a_finished_one_is_not()
    {
        // Call-ID → time of its INVITE's 200, and of its BYE where there is one.
        var rows = Tshark.Run("-r", Fixtures.PathOf(Capture), "-Y", "sip.Method == \"BYE\" || (sip.Status-Code == 200 && sip.CSeq.method == \"INVITE\")",
                "-T", "fields", "-e", "sip.Call-ID", "-e", "sip.Method", "-e", "frame.time_relative").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        var answered = rows.Where(r => r[1] == "").ToDictionary(r => r[0], r => double.Parse(r[2], CultureInfo.InvariantCulture));
        var byes = rows.Where(r => r[1] == "BYE").ToDictionary(r => r[0], r => double.Parse(r[2], CultureInfo.InvariantCulture));
        Assert.Equal(2, answered.Count);
        Assert.Single(byes);

        var lines = await ConsoleLinesAsync(Capture);
        int header = lines.FindIndex(l => l.StartsWith("Calls (caller → callee", StringComparison.Ordinal));
        Assert.True(header >= 0);
        var callRows = lines.Skip(header + 1).TakeWhile(l => l.Contains(" → ", StringComparison.Ordinal)).ToList();
        Assert.Equal(answered.Count, callRows.Count);

        // The finished call: 2xx → BYE, no mark. The open one: marked, and the note under the table says why.
        var (callId, byeAt) = byes.Single();
        string finished = (byeAt - answered[callId]).ToString("0.0", CultureInfo.InvariantCulture) + " s";
        Assert.Single(callRows, r => r.EndsWith(" " + finished, StringComparison.Ordinal) && !r.Contains('≥'));
        Assert.Single(callRows, r => r.Contains('≥'));
        Assert.Equal("  ≥ no BYE: the call was still up when the capture ended", lines[header + 1 + callRows.Count]);
        Assert.DoesNotContain(lines, l => l.Contains("went quiet", StringComparison.Ordinal));
    }

    [Theory]
    // IMS URIs of 63 and 52 characters: cut at the column's cap of 48.
    [InlineData("public/wireshark-wiki/nb6-telephone.pcap", "answered")]
    // IPv6 hosts, 38 and 37 characters: the columns widen to them, and nothing is cut.
    [InlineData("public/heplify/sip_ipv6_udp.pcap", "answered")]
    public async Task A_URI_widens_its_column_up_to_a_cap_and_is_cut_past_it(string capture, string outcome)
    {
        const int Cap = 48;
        var uris = Tshark.Run("-r", Fixtures.PathOf(capture), "-Y", "sip.Method == \"INVITE\"", "-T", "fields", "-e", "sip.from.addr", "-e", "sip.to.addr").Output
            .Trim().Split('\t');
        Assert.Equal(2, uris.Length);
        Assert.All(uris, u => Assert.True(u.Length > 32, u)); // wider than the column's least width

        var lines = await ConsoleLinesAsync(capture);
        int header = lines.FindIndex(l => l.StartsWith("Calls (caller → callee", StringComparison.Ordinal));
        static string Shown(string uri) => uri.Length <= Cap ? uri : uri[..(Cap - 1)] + "…";
        Assert.StartsWith($"  {Shown(uris[0])} → {Shown(uris[1])} {outcome}", lines[header + 1], StringComparison.Ordinal);
    }

    private static async Task<List<string>> ConsoleLinesAsync(string capture)
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(Fixtures.PathOf(capture))]);
        using var text = new StringWriter();
        new ConsoleReportWriter(text).Write(result);
        return text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    }
}
