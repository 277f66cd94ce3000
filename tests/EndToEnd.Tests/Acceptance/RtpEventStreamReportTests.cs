using System.Buffers.Binary;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// An RFC 2833/4733 event-only stream whose packets all start an event (marker set) gives Wireshark no delta:
/// tshark prints min delta −1, and so must the report. Datagrams of a flow that never became a stream are not
/// counted as RTP.
/// </summary>
public class RtpEventStreamReportTests
{
    [Fact]
    public void An_event_only_stream_without_deltas_reports_min_delta_minus_one_as_tshark_does()
    {
        var frames = new List<byte[]>();
        for (int i = 0; i < 5; i++)
            frames.Add(Rtp(40000, 50000, 0x11223344, (ushort)(100 + i), (uint)(i * 1600), payloadType: 101, marker: true));
        // A second flow whose sequence numbers never run: version-2 bytes, no stream.
        for (int i = 0; i < 4; i++)
            frames.Add(Rtp(41000, 51000, 0x55667788, (ushort)(i * 7919), (uint)(i * 160), payloadType: 0, marker: false));
        using var folder = new TempFolder();
        string path = folder.File("events.pcap");
        File.WriteAllBytes(path, SyntheticCapture.PcapOf(frames));

        var report = PipelineReport.Of(path).Json;
        var stream = Assert.Single(report.GetProperty("rtp_streams").EnumerateArray());
        var tshark = TsharkRtpStreams.Run(path, heuristic: true).Single(r => r.Ssrc == 0x11223344);

        Assert.Equal(-1, tshark.MinDelta);
        Assert.Equal(tshark.MinDelta, stream.GetProperty("min_delta_ms").GetDouble());
        Assert.Equal(tshark.MinJitter, stream.GetProperty("min_jitter_ms").GetDouble());
        Assert.Equal(tshark.Packets, stream.GetProperty("packets").GetInt64());
        Assert.Equal(5, report.GetProperty("protocols").GetProperty("rtp").GetInt64());
        Assert.Equal(9, report.GetProperty("protocols").GetProperty("udp").GetInt64());
    }

    private static byte[] Rtp(ushort sourcePort, ushort destinationPort, uint ssrc, ushort sequence, uint timestamp, byte payloadType, bool marker)
    {
        var rtp = new byte[12 + 4];
        rtp[0] = 0x80;
        rtp[1] = (byte)(payloadType | (marker ? 0x80 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(rtp.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(rtp.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(rtp.AsSpan(8), ssrc);
        var udp = PacketBuilder.Udp(sourcePort, destinationPort, rtp);
        return PacketBuilder.Ethernet(0x0800, PacketBuilder.Ipv4(17, "10.0.0.1", "10.0.0.2", udp));
    }
}
