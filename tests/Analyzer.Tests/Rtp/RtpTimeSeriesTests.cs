using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>The per-stream time series: bounded whatever the stream's length, and merging never loses a packet.</summary>
public class RtpTimeSeriesTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void An_hour_long_stream_stays_in_64_slices_and_keeps_every_packet_lost_and_peak()
    {
        var series = new RtpTimeSeries();
        long packets = 0, lost = 0;
        for (long t = 0; t < 3600 * Second; t += 20_000_000)
        {
            // A loss of 3 every 1000th packet, a jitter peak once at 1234 s.
            long gap = packets % 1000 == 999 ? 3 : 0;
            double jitter = t == 1234 * Second ? 42.5 : 1.0;
            series.Add(t, gap, jitter, hasJitter: true, mayGrow: true);
            packets++;
            lost += gap;
        }
        Assert.InRange(series.Count, 33, RtpTimeSeries.Capacity);
        // 250 ms doubled until an hour fits in 64 slices: 256 × 250 ms = 64 s per slice.
        Assert.Equal(64 * Second, series.WidthNs);
        long sumPackets = 0, sumLost = 0;
        double peak = 0;
        for (int i = 0; i < series.Count; i++)
        {
            sumPackets += series[i].Packets;
            sumLost += series[i].Lost;
            peak = Math.Max(peak, series[i].MaxJitterMs);
        }
        Assert.Equal(packets, sumPackets);
        Assert.Equal(lost, sumLost);
        Assert.Equal(42.5, peak);
        Assert.True(series[1234 / 64].MaxJitterMs == 42.5f, "the peak moved to another slice when merged");
    }

    [Fact]
    public void A_packet_past_the_last_slice_merges_neighbours_pairwise()
    {
        var series = new RtpTimeSeries();
        // Slice i gets i + 1 packets, jitter i ms.
        for (int i = 0; i < RtpTimeSeries.Capacity; i++)
            for (int n = 0; n <= i; n++)
                series.Add(i * RtpTimeSeries.InitialWidthNs + n, lost: n == 0 ? 1 : 0, jitterMs: i, hasJitter: true, mayGrow: true);
        Assert.Equal(RtpTimeSeries.Capacity, series.Count);
        Assert.Equal(RtpTimeSeries.InitialWidthNs, series.WidthNs);

        series.Add(RtpTimeSeries.Capacity * RtpTimeSeries.InitialWidthNs, 0, 0, hasJitter: false, mayGrow: true);

        Assert.Equal(2 * RtpTimeSeries.InitialWidthNs, series.WidthNs);
        Assert.Equal(RtpTimeSeries.Capacity / 2 + 1, series.Count);
        for (int i = 0; i < RtpTimeSeries.Capacity / 2; i++)
        {
            Assert.Equal((2 * i + 1) + (2 * i + 2), series[i].Packets);
            Assert.Equal(2, series[i].Lost);
            Assert.Equal(2 * i + 1, series[i].MaxJitterMs);
            double mean = ((2 * i) * (2 * i + 1) + (2 * i + 1) * (2 * i + 2)) / (double)series[i].Packets;
            Assert.Equal(mean, series[i].MeanJitterMs, 3);
        }
        var last = series[RtpTimeSeries.Capacity / 2];
        Assert.Equal(1, last.Packets);
        Assert.Equal(0, last.JitterSamples);
    }

    [Fact]
    public void A_flow_not_yet_accepted_keeps_its_packets_in_the_first_slice()
    {
        var series = new RtpTimeSeries();
        series.Add(0, 0, 0, false, mayGrow: false);
        series.Add(10 * Second, 2, 0, false, mayGrow: false);
        Assert.Equal(1, series.Count);
        Assert.Equal(2, series[0].Packets);
        Assert.Equal(2, series[0].Lost);
        series.Add(10 * Second, 0, 0, false, mayGrow: true);
        Assert.Equal(41, series.Count);
        Assert.Equal(3, series[0].Packets + series[40].Packets);
    }

    [Fact]
    public void Past_the_engine_s_cap_a_stream_keeps_one_slice_and_is_counted()
    {
        var engine = new RtpEngine(new RtpEngineOptions { MaxTimeSeries = 1 });
        var buffer = SyntheticRtp.Packet(0, 0, 1);
        long frame = 0;
        // Two streams of 2 s, interleaved.
        for (int i = 0; i < 100; i++)
            foreach (uint ssrc in (uint[])[1, 2])
            {
                SyntheticRtp.Write(buffer, (ushort)i, (uint)(i * 160), ssrc);
                engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 4000, "10.0.0.2", 5000, ++frame, Second + i * 20_000_000L), buffer);
            }
        var streams = engine.Streams.OrderBy(s => s.Ssrc).ToList();
        Assert.Equal(2, streams.Count);
        Assert.True(streams[0].TimeSeries.HasSlices && !streams[0].TimeSeries.Folded);
        Assert.Equal(8, streams[0].TimeSeries.Count);
        Assert.False(streams[1].TimeSeries.HasSlices);
        Assert.True(streams[1].TimeSeries.Folded);
        Assert.Equal(1, streams[1].TimeSeries.Count);
        Assert.Equal(100, streams[1].TimeSeries[0].Packets);
        Assert.Equal(1, engine.Counters.TimeSeriesNotKept);
    }

    [Fact]
    public void The_engine_s_slices_add_up_to_the_stream_s_packets_and_lost_with_gaps_and_reordering()
    {
        var engine = new RtpEngine();
        var buffer = SyntheticRtp.Packet(0, 0, 7);
        // 20 s at 50 packets/s; seq 100..199 dropped, 500/501 swapped, 800 twice.
        var order = new List<int>();
        for (int i = 0; i < 1000; i++)
        {
            if (i is >= 100 and < 200) continue;
            order.Add(i == 500 ? 501 : i == 501 ? 500 : i);
            if (i == 800) order.Add(800);
        }
        long frame = 0;
        foreach (int seq in order)
        {
            SyntheticRtp.Write(buffer, (ushort)seq, (uint)(seq * 160), 7);
            engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 4000, "10.0.0.2", 5000, ++frame, Second + frame * 20_000_000), buffer);
        }
        var stream = Assert.Single(engine.Streams);
        var series = stream.TimeSeries;
        long packets = 0, lost = 0;
        for (int i = 0; i < series.Count; i++)
        {
            packets += series[i].Packets;
            lost += series[i].Lost;
        }
        Assert.Equal(stream.Statistics.Packets, packets);
        Assert.Equal(stream.Statistics.Lost, lost);
        Assert.Equal(100 - 1, stream.Statistics.Lost);
        // 902 packets 20 ms apart: 18 s in 250 ms slices is 73 of them, so one doubling.
        Assert.Equal(2 * RtpTimeSeries.InitialWidthNs, series.WidthNs);
        Assert.Equal((int)((order.Count - 1) * 20_000_000L / series.WidthNs) + 1, series.Count);
    }
    [Fact]
    public void A_packet_back_in_an_earlier_slice_or_before_the_first_lands_there_not_in_the_last_packets_slice()
    {
        var series = new RtpTimeSeries();
        long w = RtpTimeSeries.InitialWidthNs;
        series.Add(w / 2, 0, 0, hasJitter: false, mayGrow: true);          // slice 0
        series.Add(w + w / 2, 0, 0, hasJitter: false, mayGrow: true);      // slice 1
        series.Add(w + w / 4, 0, 0, hasJitter: false, mayGrow: true);      // slice 1 again
        series.Add(w / 4, 0, 0, hasJitter: false, mayGrow: true);          // back in slice 0
        series.Add(-w, 0, 0, hasJitter: false, mayGrow: true);             // stamped before the first: slice 0
        series.Add(2 * w, 0, 0, hasJitter: false, mayGrow: true);          // exactly on the edge of slice 2
        series.Add(2 * w - 1, 0, 0, hasJitter: false, mayGrow: true);      // the last nanosecond of slice 1

        Assert.Equal(3, series.Count);
        Assert.Equal(3, series[0].Packets);
        Assert.Equal(3, series[1].Packets);
        Assert.Equal(1, series[2].Packets);
    }

    [Fact]
    public void After_the_slices_merge_a_packet_finds_its_slice_at_the_new_width()
    {
        var series = new RtpTimeSeries();
        long w = RtpTimeSeries.InitialWidthNs;
        series.Add(40 * w, 0, 0, hasJitter: false, mayGrow: true);          // slice 40 at width w
        series.Add(64 * w, 0, 0, hasJitter: false, mayGrow: true);          // merges: width 2w, slice 32
        series.Add(40 * w + w / 2, 0, 0, hasJitter: false, mayGrow: true); // slice 20 at width 2w, not 40

        Assert.Equal(2 * w, series.WidthNs);
        Assert.Equal(2, series[20].Packets);
        Assert.Equal(1, series[32].Packets);
        Assert.Equal(33, series.Count);
    }
}
