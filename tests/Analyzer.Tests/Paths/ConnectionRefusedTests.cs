using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A server that answers a phone's TCP SYN with a reset (SIP over TCP is off there): the phone cannot register at
/// all, and until now the report said nothing was wrong. Tried again and again, it is an error naming the endpoint;
/// a port scan's one-off probes are a warning of their own, not counted among the phones.
/// </summary>
public class ConnectionRefusedTests
{
    private const string Pbx = "10.10.0.10";
    private const long MsNs = 1_000_000;
    private const byte Syn = 0x02, Rst = 0x04, Ack = 0x10;

    [Fact]
    public async Task The_lab_phone_whose_tcp_connections_are_refused_is_an_error_with_every_attempt()
    {
        string dir = PathHarness.Fixture("lab", "tcp-refused");
        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(Path.Combine(dir, "pbx-uplink.pcap"))]);

        var cause = Assert.Single(result.Causes);
        Assert.Equal(CauseKind.ConnectionRefused, cause.Kind);
        Assert.Equal(Severity.Error, cause.Severity);
        Assert.Equal(["192.168.1.21:5060"], cause.Clients);
        Assert.StartsWith("192.168.0.10:5060 refuses the TCP connections of ", cause.Summary);
        Assert.Contains("turn on the server's TCP transport", cause.Fix);
        var finding = Assert.Single(cause.Findings);
        Assert.Equal(3, Assert.IsType<ConnectionRefusedEvidence>(finding.Evidence).Attempts);
        // Every SYN and every reset, as tshark shows them.
        var tcp = Tshark.Fields(Path.Combine(dir, "pbx-uplink.pcap"), "frame.number", "tcp.flags.syn", "tcp.flags.reset")
            .Where(r => r[1] == "1" || r[2] == "1").Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(6, tcp.Count);
        Assert.Equal(tcp, finding.Frames.Select(f => f.Frame));
    }

    /// <summary>
    /// 1 000 phones behind one router set to TCP, each trying three times from its SIP port, while a port scan's
    /// 1 500 sources each send one SYN: one error cause counts the phones, one warning cause the probes.
    /// </summary>
    [Fact]
    public async Task A_thousand_refused_phones_during_a_port_scan_are_one_error_and_the_probes_a_warning()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        long at = SyntheticCapture.StartNs;
        for (int i = 0; i < 1000; i++)
            for (int attempt = 0; attempt < 3; attempt++)
                AddRefused(frames, $"10.20.{i / 250}.{i % 250 + 2}", 5060, (uint)(1000 * i + attempt * 7919 + 1), at + (i * 10 + attempt * 2000) * MsNs, ref id);
        for (int i = 0; i < 1500; i++)
            AddRefused(frames, $"45.{i / 250}.{i % 250}.7", (ushort)(40000 + i), (uint)(77 + i), at + i * 5 * MsNs, ref id);
        var result = await SyntheticAnalysis.RunAsync(frames);

        var phones = Assert.Single(result.Causes, c => c.Severity == Severity.Error);
        Assert.Equal(CauseKind.ConnectionRefused, phones.Kind);
        Assert.Equal(1000, phones.ClientCount);
        Assert.DoesNotContain(phones.Clients, c => c.StartsWith("45.", StringComparison.Ordinal));
        Assert.True(phones.Findings.Count <= FindingCap.MaxPerKind + 1, $"{phones.Findings.Count} findings");
        Assert.All(phones.Findings.Where(f => f.Evidence is ConnectionRefusedEvidence), f => Assert.Equal(3, ((ConnectionRefusedEvidence)f.Evidence!).Attempts));
        var probes = Assert.Single(result.Causes, c => c.Kind == CauseKind.ConnectionRefused && c.Severity == Severity.Warning);
        Assert.Equal(1500, probes.ClientCount);
    }

    // A SYN to the PBX's SIP port and the PBX's reset to it.
    private static void AddRefused(List<(long, byte[])> frames, string client, ushort port, uint isn, long ns, ref ushort id)
    {
        frames.Add((ns, Ethernet(0x0800, Ipv4(6, client, Pbx, Tcp(port, 5060, isn, Syn, []), id++))));
        frames.Add((ns + MsNs / 10, Ethernet(0x0800, Ipv4(6, Pbx, client, Tcp(5060, port, 0, Rst | Ack, []), id++))));
    }
}
