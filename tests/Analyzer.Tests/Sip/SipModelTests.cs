using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

public class SipModelTests
{
    private const string Phone = "192.168.1.50:5060";
    private const string Pbx = "192.168.0.10:5060";

    [Fact]
    public void ICMP_error_quoting_a_response_is_attached_to_its_transaction_and_not_counted_as_SIP()
    {
        var flow = new SipFlow();
        var register = Request("REGISTER", "icmp-1", 1, "z9hG4bK-icmp", Phone);
        flow.Send(0, Phone, Pbx, register);
        var challenge = Challenge(register);
        flow.Send(0.01, Pbx, Phone, challenge, destinationMac: 0x0000_5e00_53aa);
        // The wrong gateway (192.168.0.254) answers with a redirect quoting the 401.
        var icmp = Meta(3, 0.011, "192.168.0.254:0", "192.168.0.10:0", sourceMac: 0x0000_5e00_53aa);
        var quoted = Meta(3, 0.011, Pbx, Phone);
        flow.Engine.OnQuotedInIcmp(icmp, quoted, challenge, 5, 1, NetAddress.Parse("192.168.0.1"));
        flow.Finish(100);

        var tx = Assert.Single(flow.Engine.Transactions);
        var quote = Assert.Single(tx.IcmpErrors);
        Assert.Equal(3, quote.Frame.Frame);
        Assert.Equal("192.168.0.254", quote.Reporter);
        Assert.Equal("00:00:5e:00:53:aa", quote.ReporterMac);
        Assert.Equal((byte)5, quote.Type);
        Assert.Equal(401, quote.QuotedStatus);
        Assert.Equal(Phone, quote.QuotedDestination);
        Assert.Equal("192.168.0.1", quote.RedirectGateway);
        Assert.Equal(1, flow.Engine.Statistics.QuotedInIcmp);
        Assert.Equal(2, flow.Engine.Statistics.Messages);
        Assert.Equal(1, flow.Engine.Statistics.Responses[401]);
    }

    [Fact]
    public void The_report_model_serializes_without_cycles()
    {
        var flow = new SipFlow();
        var invite = WithSdp(Request("INVITE", "json-1", 1, "z9hG4bK-j", Phone, toUri: "sip:300@pbx"), "192.168.1.50", 4000, 0);
        flow.Send(0, Phone, Pbx, invite);
        flow.Send(0.1, Pbx, Phone, WithSdp(Response(invite, 200, "tt"), "192.168.0.10", 5000, 0));
        var register = WithCredentials(Request("REGISTER", "json-2", 1, "z9hG4bK-r", Phone));
        flow.Send(1, Phone, Pbx, register);
        flow.Send(1.1, Pbx, Phone, Response(register, 200, "tt"));
        flow.Finish(100);

        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        string json = JsonSerializer.Serialize(new
        {
            sip = flow.Engine.Statistics,
            transactions = flow.Engine.Transactions,
            dialogs = flow.Engine.Dialogs,
            registrations = flow.Engine.Registrations,
        }, options);

        using var doc = JsonDocument.Parse(json);
        var tx = doc.RootElement.GetProperty("transactions")[0];
        Assert.Equal("INVITE", tx.GetProperty("method").GetString());
        Assert.Equal(Phone, tx.GetProperty("client").GetString());
        Assert.Equal(1, tx.GetProperty("request_frames")[0].GetProperty("frame").GetInt64());
        Assert.Equal(200, tx.GetProperty("responses")[0].GetProperty("status").GetInt32());
        Assert.Equal(2, tx.GetProperty("responses")[0].GetProperty("frames")[0].GetProperty("frame").GetInt64());
        Assert.Equal("answered", tx.GetProperty("outcome").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("sip").GetProperty("responses").GetProperty("200").GetInt64());
        Assert.Equal("registered", doc.RootElement.GetProperty("registrations")[0].GetProperty("outcome").GetString());
        Assert.Equal("UDP", tx.GetProperty("transport").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("sip").GetProperty("transactions_by_outcome").GetProperty("answered").GetInt64());
        Assert.Equal(5000, doc.RootElement.GetProperty("dialogs")[0].GetProperty("sdp")[1].GetProperty("sdp")
            .GetProperty("media")[0].GetProperty("port").GetInt32());
    }
}
