using System.Globalization;

namespace PcapSipAnalyzer.Analyzer.Tests.Synthesizer;

/// <summary>
/// Each registration outcome in the truth must be visible on the wire as the design describes it, read back by
/// tshark: who answered, with what, to which MAC, and the timer E retransmission schedule.
/// </summary>
public sealed class SynthesizedRegistrationOutcomeTests(SynthesizedCapture capture) : IClassFixture<SynthesizedCapture>
{
    private const string WrongGateway = "00:1a:2b:00:00:fe";

    private sealed record Row(double Time, string Destination, int CSeq, string Method, int Status);

    [Fact]
    public void Every_client_shows_its_outcome_on_the_wire()
    {
        var byCallId = ReadRegisterRows();
        Assert.Equal(capture.Truth.Registrations.Count, byCallId.Count);
        foreach (var client in capture.Truth.Registrations)
        {
            var rows = byCallId[client.CallId];
            var requests = rows.Where(r => r.Method == "REGISTER").ToList();
            var responses = rows.Where(r => r.Status != 0).ToList();
            Assert.Equal(client.Requests, requests.Count);
            Assert.Equal(client.Responses, responses.Count);
            switch (client.Outcome)
            {
                case "registered":
                    Assert.Contains(responses, r => r.Status == 200);
                    Assert.DoesNotContain(responses, r => r.Status == 403 || r.Destination == WrongGateway);
                    break;
                case "rejected":
                    Assert.Contains(responses, r => r.Status == 403);
                    Assert.DoesNotContain(responses, r => r.Status == 200);
                    break;
                case "unanswered":
                    Assert.Empty(responses);
                    AssertTimerE(requests);
                    break;
                case "auth-unanswered":
                    Assert.All(responses, r => Assert.Equal(401, r.Status));
                    Assert.All(responses, r => Assert.NotEqual(WrongGateway, r.Destination));
                    // The authenticated REGISTER (CSeq + 1) is the one retransmitted.
                    AssertTimerE(requests.Where(r => r.CSeq == responses[0].CSeq + 1).ToList());
                    break;
                case "answered-via-other-gateway":
                    Assert.Equal("B", client.Subnet);
                    Assert.All(responses, r => Assert.Equal((401, WrongGateway), (r.Status, r.Destination)));
                    // The challenge never arrived, so the phone never sent credentials.
                    Assert.Equal(client.Attempts, requests.Select(r => r.CSeq).Distinct().Count());
                    AssertTimerE(requests.Where(r => r.CSeq == requests[0].CSeq).ToList());
                    break;
                default:
                    Assert.Fail($"unknown outcome {client.Outcome}");
                    break;
            }
        }
    }

    [Fact]
    public void Icmp_redirects_from_the_wrong_gateway_quote_a_misrouted_response_and_name_router_1()
    {
        var (exit, output, _) = TsharkProcess.Run("tshark", "-r", capture.Pcap, "-Y", "icmp.type == 5 || (sip.Status-Code && eth.dst == " + WrongGateway + ")",
            "-T", "fields", "-E", "occurrence=l", "-e", "icmp.type", "-e", "icmp.checksum.status", "-e", "icmp.redir_gw", "-e", "ip.id", "-e", "ip.dst");
        Assert.Equal(0, exit);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        // (quoted) IP id and destination of every 401 sent towards router 2.
        var misrouted = rows.Where(f => f[0].Length == 0).Select(f => (f[3], f[4])).ToHashSet();
        var redirects = rows.Where(f => f[0] == "5").ToList();

        Assert.Equal(capture.Truth.Traffic.IcmpRedirects, redirects.Count);
        Assert.NotEmpty(redirects);
        Assert.All(redirects, f => Assert.Equal(("1", "10.10.0.1"), (f[1], f[2])));
        Assert.All(redirects, f => Assert.Contains((f[3], f[4]), misrouted));
        var perAddress = redirects.GroupBy(f => f[4]).ToDictionary(g => g.Key, g => g.Count());
        foreach (var client in capture.Truth.Registrations)
            Assert.Equal(client.IcmpRedirects, perAddress.GetValueOrDefault(client.Address));
    }

    /// <summary>Sent at 0, 0.5, 1.5, 3.5, 7.5 … 31.5 s: intervals T1 doubling to T2, 11 copies before timer F.</summary>
    private static void AssertTimerE(List<Row> copies)
    {
        double[] expected = [0.5, 1, 2, 4, 4, 4, 4, 4, 4, 4];
        Assert.Equal(expected.Length + 1, copies.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.InRange(copies[i + 1].Time - copies[i].Time, expected[i] - 0.001, expected[i] + 0.001);
    }

    private Dictionary<string, List<Row>> ReadRegisterRows()
    {
        var (exit, output, _) = TsharkProcess.Run("tshark", "-r", capture.Pcap, "-Y", "sip.CSeq.method == \"REGISTER\"",
            "-T", "fields", "-e", "frame.time_epoch", "-e", "eth.dst", "-e", "sip.Call-ID", "-e", "sip.CSeq.seq",
            "-e", "sip.Method", "-e", "sip.Status-Code");
        Assert.Equal(0, exit);
        var result = new Dictionary<string, List<Row>>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            var row = new Row(double.Parse(f[0], CultureInfo.InvariantCulture), f[1], int.Parse(f[3], CultureInfo.InvariantCulture), f[4],
                f[5].Length == 0 ? 0 : int.Parse(f[5], CultureInfo.InvariantCulture));
            if (!result.TryGetValue(f[2], out var rows)) result[f[2]] = rows = [];
            rows.Add(row);
        }
        return result;
    }
}
