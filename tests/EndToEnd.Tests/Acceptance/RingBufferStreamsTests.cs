using System.Globalization;
using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// A capture cut into a ring-buffer set (<c>editcap -c N</c>, as dumpcap's ring buffer names its files) and read
/// as one capture point, as <c>pcapsip batch</c> reads such a set: every RTP stream continues across the file
/// boundaries, so the set gives the streams of the whole file with the same figures, not one row per file.
/// </summary>
public class RingBufferStreamsTests
{
    [Theory]
    // SDP-announced G.711 calls; heuristic AMR media without SIP; SRTP of a WhatsApp call.
    [InlineData("public/wireshark-wiki/sip-rtp-g711.pcap", 200)]
    [InlineData("public/flexisip/one_way_amr_capture.pcap", 2000)]
    [InlineData("public/nDPI/whatsapp_login_call.pcap", 150)]
    public void A_ring_buffer_set_continues_the_streams_of_the_whole_file(string capture, int packetsPerFile)
    {
        string whole = Fixtures.PathOf(capture);
        using var folder = new TempFolder();
        var files = RingBufferSet.Cut(whole, packetsPerFile, folder);
        Assert.True(files.Count >= 3, $"editcap made {files.Count} files");

        var expected = Streams(PipelineReport.Of(whole).Json);
        var ring = PipelineReport.OfOnePoint("ring", files).Json;
        Assert.Equal(files.Count, ring.GetProperty("captures").GetArrayLength());
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Streams(ring));
    }

    // Everything but where the frames are (file and frame numbers change with the cut).
    private static List<string> Streams(JsonElement report) =>
        report.GetProperty("rtp_streams").EnumerateArray().Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.GetProperty("src_ip").GetString()}:{s.GetProperty("src_port").GetInt32()} -> {s.GetProperty("dst_ip").GetString()}:{s.GetProperty("dst_port").GetInt32()} 0x{s.GetProperty("ssrc").GetUInt32():X8} packets {s.GetProperty("packets").GetInt64()} lost {s.GetProperty("lost").GetInt64()} max delta {s.GetProperty("max_delta_ms").GetDouble():F3} max jitter {s.GetProperty("max_jitter_ms").GetDouble():F3} mean jitter {s.GetProperty("mean_jitter_ms").GetDouble():F3}"))
            .Order(StringComparer.Ordinal).ToList();
}
