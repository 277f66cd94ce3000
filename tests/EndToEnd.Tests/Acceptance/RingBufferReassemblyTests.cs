using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// A capture cut into one file per packet (<c>editcap -c 1</c>, the harshest ring-buffer set) and read as one
/// capture point: every SIP message whose TCP segments or IP fragments lie in different files is still
/// reassembled, so the set gives the SIP figures of the whole file. A reassembler that restarted at each file
/// would lose every message that needs more than one packet.
/// </summary>
public class RingBufferReassemblyTests
{
    [Theory]
    // SIP over TCP with messages split across segments: a lab capture (sipp over a small MSS) and two public ones.
    [InlineData("lab/tcp-segments/pbx-uplink.pcap", "tcp")]
    [InlineData("public/suricata-verify/sip-body-large/sip-body-large.pcap", "tcp")]
    [InlineData("public/suricata-verify/sip-tcp-method/sip-tcp.pcap", "tcp")]
    // A SIP request in IPv4 fragments.
    [InlineData("public/packetnet/udp-ip-fragmented.pcap", "fragments")]
    public void Messages_that_straddle_file_boundaries_are_reassembled(string capture, string needs)
    {
        string whole = Fixtures.PathOf(capture);
        using var folder = new TempFolder();
        var files = RingBufferSet.Cut(whole, 1, folder);

        var expected = PipelineReport.Of(whole).Json;
        var ring = PipelineReport.OfOnePoint("ring", files).Json;
        Assert.Equal(files.Count, ring.GetProperty("captures").GetArrayLength());
        // The whole file does need reassembly (else this test proves nothing), and the set needs the same.
        if (needs == "fragments")
            Assert.True(Protocols(expected).GetProperty("fragments_reassembled").GetInt64() > 0);
        else
            Assert.True(Protocols(expected).GetProperty("tcp").GetInt64() > files.Count / 2);
        Assert.True(expected.GetProperty("sip").GetProperty("requests").EnumerateObject().Any());
        Assert.Equal(Sip(expected), Sip(ring));
        Assert.Equal(Protocols(expected).GetProperty("fragments_reassembled").GetInt64(),
            Protocols(ring).GetProperty("fragments_reassembled").GetInt64());
    }

    private static JsonElement Protocols(JsonElement report) => report.GetProperty("protocols");

    // SIP counts per method and status, and the outcome of every transaction, registration and dialog.
    private static string Sip(JsonElement report)
    {
        var sip = report.GetProperty("sip");
        return string.Join("\n", new[] { "requests", "responses", "transactions_by_outcome", "registrations_by_outcome", "dialogs_by_outcome" }
            .Select(k => k + " " + sip.GetProperty(k).GetRawText()));
    }
}
