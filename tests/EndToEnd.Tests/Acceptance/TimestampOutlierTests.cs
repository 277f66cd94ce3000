using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The healthy lab capture (no finding, no anomaly) with one record stamped ahead of both its neighbours: the
/// report names that one frame as the outlier, counts no later packet as stamped back, and gives none of the
/// findings the stray stamp used to cause (a REGISTER "unanswered" when its timer F seemed to pass, an RTP
/// direction "missing" when its packets seemed to come a day after the call).
/// </summary>
public class TimestampOutlierTests
{
    [Theory]
    // Frame 9, the first REGISTER's 401, stamped an hour late (was register-unanswered and 222 stamped back).
    [InlineData(9, 3_600)]
    // Frame 31, an RTP packet, stamped eleven hours late (was rtp-one-way, rtp-jitter and 200 stamped back).
    [InlineData(31, 40_000)]
    public void One_packet_stamped_ahead_is_one_outlier_and_no_finding(int frame, long seconds)
    {
        using var folder = new TempFolder();
        string path = folder.File("outlier.pcap");
        File.WriteAllBytes(path, Restamped(File.ReadAllBytes(Fixtures.PathOf("lab/healthy/pbx-uplink.pcap")), frame, seconds));

        using var report = JsonDocument.Parse(PcapsipCli.Run("analyze", path, "--json", "-", "--no-progress").Succeeded().Output);
        var root = report.RootElement;

        Assert.Empty(root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("summary").GetString()));
        var anomaly = Assert.Single(root.GetProperty("anomalies").EnumerateObject());
        Assert.Equal("timestamp-outlier", anomaly.Name);
        Assert.Equal(1, anomaly.Value.GetProperty("count").GetInt64());
        Assert.Equal(frame, Assert.Single(anomaly.Value.GetProperty("frames").EnumerateArray()).GetProperty("frame").GetInt64());
    }

    [Fact]
    public void The_stray_stamps_of_a_field_capture_are_the_outliers_tshark_shows()
    {
        // A SIP/TLS capture of 2017 holding two packets stamped 2041: the frames whose epoch tshark prints more than
        // a second ahead of both neighbours are the outliers, and no clock step (jump) is left over.
        string capture = Fixtures.PublicFile("wireshark-wiki/sip-tls-1.3-and-rtcp/tls-1.3/sip.pcap");
        var epochs = Tshark.Fields(capture, "frame.number", "frame.time_epoch")
            .Select(r => (Frame: long.Parse(r[0], CultureInfo.InvariantCulture), Seconds: decimal.Parse(r[1], CultureInfo.InvariantCulture)))
            .ToList();
        var expected = Enumerable.Range(1, epochs.Count - 2)
            .Where(i => epochs[i].Seconds - epochs[i - 1].Seconds > 1 && epochs[i].Seconds - epochs[i + 1].Seconds > 1)
            .Select(i => epochs[i].Frame).ToList();
        Assert.Equal(2, expected.Count);

        var anomalies = PipelineReport.Of(capture).Json.GetProperty("anomalies");
        var outliers = anomalies.GetProperty("timestamp-outlier").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("frame").GetInt64());
        Assert.Equal(expected, outliers);
        Assert.False(anomalies.TryGetProperty("timestamp-jump", out _), anomalies.ToString());
    }

    /// <summary>A copy of a little-endian µs pcap with record <paramref name="frame"/> (1-based) moved forward.</summary>
    private static byte[] Restamped(byte[] pcap, int frame, long seconds)
    {
        int offset = 24;
        for (int n = 1; offset + 16 <= pcap.Length; n++)
        {
            var header = pcap.AsSpan(offset, 16);
            if (n == frame)
                BinaryPrimitives.WriteUInt32LittleEndian(header, BinaryPrimitives.ReadUInt32LittleEndian(header) + (uint)seconds);
            offset += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        }
        return pcap;
    }
}
