using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>A SIP transaction over TCP names the connection that carried it, with that connection's control segments.</summary>
public class TransactionConnectionTests
{
    [Fact]
    public async Task A_tcp_registration_names_its_connection_with_handshake_and_both_fins()
    {
        // wrong-gateway-forward's TCP phone at the PBX uplink (tshark: SYN 3, SYN-ACK 6, FIN 15 and 16).
        var result = await PathHarness.AnalyzeAsync(PathHarness.Fixture("lab", "wrong-gateway-forward", "pbx-uplink.pcap"), tsharkSip: false);
        var tcp = result.Paths.Where(p => p.Transaction.Transport == Transport.Tcp).ToList();
        Assert.NotEmpty(tcp);
        var connection = Assert.Single(tcp.Select(p => p.Connection).Distinct());
        Assert.NotNull(connection);
        var segments = connection.ControlSegments.Select(s => $"{s.Kind}@{s.Frame.Frame}{(s.FromClient ? ">" : "<")}").ToList();
        Assert.Equal(["Syn@3>", "SynAck@6<", $"Ack@{connection.CompletedFrame.Frame}>", "Fin@15>", "Fin@16<"], segments);
        Assert.All(result.Paths.Where(p => p.Transaction.Transport == Transport.Udp), p => Assert.Null(p.Connection));
    }
}
