using System.Buffers.Binary;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>
/// A capture whose clock steps (back, or by more than a day either way) says so in its anomalies, with the
/// frames, and gives no finding the undamaged capture does not: the engines run on the capture's order. The
/// healthy lab capture (no finding) with some records restamped; frames 8–21 are the REGISTERs and their
/// answers, 25–29 the INVITE, 30–229 the call's RTP, 230–231 the BYE.
/// </summary>
public class ClockStepTests
{
    private const long Hour = 3_600;
    private const long MoreThanADay = 100_000;

    [Theory]
    // The REGISTERs and the INVITE stamped an hour late: the RTP then seems to come before the call (was rtp-no-media).
    [InlineData(1, 29, Hour, 202, 0, 0)]
    // The authenticated REGISTER stamped an hour early: its 200 seemed to come after timer F (was register-unanswered).
    [InlineData(10, 10, -Hour, 1, 0, 0)]
    // The same an hour late: stamped ahead of both neighbours, it is the one outlier, not every packet after it
    // (was response-lost, then 221 packets stamped back).
    [InlineData(10, 10, Hour, 0, 0, 1)]
    // The RTP stamped an hour late: the BYE seems to come before the media ends.
    [InlineData(30, 229, Hour, 2, 0, 0)]
    // One packet a day late (an outlier, as any single packet stamped ahead), one a day early, and everything
    // after the INVITE a day early.
    [InlineData(30, 30, MoreThanADay, 0, 0, 1)]
    [InlineData(30, 30, -MoreThanADay, 1, 2, 0)]
    [InlineData(30, 231, -MoreThanADay, 1, 1, 0)]
    public async Task A_clock_step_is_an_anomaly_and_no_finding(int first, int last, long seconds, long backwards, long jumps, long outliers)
    {
        var original = await Analyze(File.ReadAllBytes(Fixtures.PathOf("lab/healthy/pbx-uplink.pcap")));
        Assert.Empty(original.Findings);
        Assert.DoesNotContain(original.Anomalies.Entries.Keys, k => k.StartsWith("timestamp-", StringComparison.Ordinal));

        var result = await Analyze(Restamp(File.ReadAllBytes(Fixtures.PathOf("lab/healthy/pbx-uplink.pcap")), first, last, seconds));

        Assert.Empty(result.Findings.Select(f => $"{f.Kind}: {f.Summary}"));
        Assert.Equal(backwards, Count(result, "timestamp-backwards"));
        Assert.Equal(jumps, Count(result, "timestamp-jump"));
        Assert.Equal(outliers, Count(result, "timestamp-outlier"));
        if (outliers > 0)
            Assert.Equal(first, Assert.Single(result.Anomalies.Entries["timestamp-outlier"].Frames).Frame);
        // The first frame stamped out of order: the first restamped one if it went back, else the one after the last.
        long firstBackwards = seconds < 0 ? first : last + 1;
        if (backwards > 0)
            Assert.Equal(firstBackwards, result.Anomalies.Entries["timestamp-backwards"].Frames[0].Frame);
        // The call's media are still measured: as many RTP packets as in the original capture, in the same streams.
        Assert.Equal(original.RtpStreams.Select(s => s.Statistics.Packets), result.RtpStreams.Select(s => s.Statistics.Packets));
    }

    [Fact]
    public async Task Small_steps_back_keep_the_rtp_jitter_measured_on_the_stamped_times()
    {
        // Every tenth RTP packet stamped 30 ms early, as a merge of two interfaces might: the engines take them
        // in order, but jitter is measured on the stamps, as Wireshark measures it.
        var restamped = File.ReadAllBytes(Fixtures.PathOf("lab/healthy/pbx-uplink.pcap"));
        for (int frame = 40; frame < 220; frame += 10)
            restamped = Restamp(restamped, frame, frame, 0, microseconds: -30_000);
        var path = Path.Combine(Path.GetTempPath(), $"pcapsip-clock-{Guid.NewGuid():N}.pcap");
        try
        {
            await File.WriteAllBytesAsync(path, restamped);
            var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);
            var tshark = TsharkRtpStreams.Run(path, heuristic: true);

            Assert.Equal(18, Count(result, "timestamp-backwards"));
            Assert.Equal(tshark.Count, result.RtpStreams.Count);
            foreach (var stream in result.RtpStreams)
            {
                var row = Assert.Single(tshark, r => r.Ssrc == stream.Key.Ssrc);
                Assert.Equal(row.Packets, stream.Statistics.Packets);
                Assert.Equal(row.MaxJitter, stream.Statistics.MaxJitter, 2);
                Assert.Equal(row.MaxDelta, stream.Statistics.MaxDelta, 2);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static long Count(AnalysisResult result, string kind) =>
        result.Anomalies.Entries.TryGetValue(kind, out var entry) ? entry.Count : 0;

    private static async Task<AnalysisResult> Analyze(byte[] capture)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pcapsip-clock-{Guid.NewGuid():N}.pcap");
        try
        {
            await File.WriteAllBytesAsync(path, capture);
            return await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A copy of a little-endian µs pcap with records <paramref name="first"/>..<paramref name="last"/> (1-based) moved in time.</summary>
    private static byte[] Restamp(byte[] pcap, int first, int last, long seconds, long microseconds = 0)
    {
        var copy = (byte[])pcap.Clone();
        int offset = 24;
        for (int frame = 1; offset + 16 <= copy.Length; frame++)
        {
            var header = copy.AsSpan(offset, 16);
            if (frame >= first && frame <= last)
            {
                long us = BinaryPrimitives.ReadUInt32LittleEndian(header) * 1_000_000L + BinaryPrimitives.ReadUInt32LittleEndian(header[4..])
                          + seconds * 1_000_000 + microseconds;
                BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(us / 1_000_000));
                BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(us % 1_000_000));
            }
            offset += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        }
        return copy;
    }
}
