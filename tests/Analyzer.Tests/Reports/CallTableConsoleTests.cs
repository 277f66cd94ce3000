using System.Globalization;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
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
        int header = ConsoleLines.TableAt(lines, CallTable);
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
        int header = ConsoleLines.TableAt(lines, CallTable);
        static string Shown(string uri) => uri.Length <= Cap ? uri : uri[..(Cap - 1)] + "…";
        Assert.StartsWith($"  {Shown(uris[0])} → {Shown(uris[1])} {outcome}", lines[header + 1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_whose_signalling_went_quiet_until_its_idle_timeout_is_marked_as_such()
    {
        // A call answered and acknowledged, then no message of it for more than the four-hour idle timeout while the
        // capture goes on (a phone's OPTIONS ping): it is set aside before the end, so it was not "still up" then.
        const string Phone = "10.0.1.20", Pbx = "10.0.0.10", Other = "10.0.1.30";
        long t = SyntheticCapture.StartNs;
        string Headers(string method, int cseq, string callId, string branch, string toTag) =>
            $"Via: SIP/2.0/UDP {Phone}:5060;branch=z9hG4bK-{branch}\r\nFrom: <sip:1001@{Pbx}>;tag=p1\r\n" +
            $"To: <sip:8000@{Pbx}>{toTag}\r\nCall-ID: {callId}\r\nCSeq: {cseq} {method}\r\nContent-Length: 0\r\n\r\n";
        byte[] Frame(string from, string to, string text, ushort id) =>
            PacketBuilder.Ethernet(0x0800, PacketBuilder.Ipv4(17, from, to, PacketBuilder.Udp(5060, 5060, System.Text.Encoding.ASCII.GetBytes(text)), id));
        var frames = new List<(long, byte[])>
        {
            (t, Frame(Phone, Pbx, $"INVITE sip:8000@{Pbx} SIP/2.0\r\n" + Headers("INVITE", 1, "quiet-1", "i1", ""), 1)),
            (t + 50_000_000, Frame(Pbx, Phone, "SIP/2.0 200 OK\r\n" + Headers("INVITE", 1, "quiet-1", "i1", ";tag=x1"), 2)),
            (t + 60_000_000, Frame(Phone, Pbx, $"ACK sip:8000@{Pbx} SIP/2.0\r\n" + Headers("ACK", 1, "quiet-1", "a1", ";tag=x1"), 3)),
            (t + (4 * 3600 + 60) * 1_000_000_000L, Frame(Other, Pbx, $"OPTIONS sip:{Pbx} SIP/2.0\r\n" + Headers("OPTIONS", 1, "ping-1", "o1", ""), 4)),
        };
        var lines = ConsoleLines.Of(await SyntheticAnalysis.RunAsync(frames));

        int header = ConsoleLines.TableAt(lines, CallTable);
        Assert.True(header >= 0, string.Join('\n', lines));
        Assert.Contains(" answered ", lines[header + 1], StringComparison.Ordinal);
        Assert.EndsWith("≥0.0 s", lines[header + 1], StringComparison.Ordinal); // 200 → ACK, its last message
        Assert.Equal("  ≥ no BYE: the call's signalling went quiet (timed out or set aside); it lasted at least this long", lines[header + 2]);
        Assert.DoesNotContain(lines, l => l.Contains("still up when the capture ended", StringComparison.Ordinal));
    }

    private const string CallTable = "Calls (caller → callee";

    private static async Task<List<string>> ConsoleLinesAsync(string capture) =>
        ConsoleLines.Of(await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(Fixtures.PathOf(capture))]));
}
