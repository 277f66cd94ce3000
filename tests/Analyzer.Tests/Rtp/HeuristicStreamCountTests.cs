using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// A stream found without SDP counts every packet of its SSRC and flow from the first one, as Wireshark does
/// (expected = last sequence number − first + 1, lost = expected − received, negative for duplicates), while a
/// flow that never shows a run of packets in sequence is still not reported.
/// </summary>
public class HeuristicStreamCountTests
{
    private const uint Ssrc = 0x0BADCAFE;

    [Fact]
    public void A_leading_duplicate_is_counted_and_makes_loss_negative()
    {
        // 10, 10, 11, 12 … 39: 31 packets for 30 sequence numbers.
        var packets = new List<(ushort Seq, uint Ts, byte Pt)> { (10, 0, 0) };
        for (int i = 0; i < 30; i++)
            packets.Add(((ushort)(10 + i), (uint)(i * 160), 0));

        var stats = Run(packets);

        Assert.Equal(31, stats.Packets);
        Assert.Equal(30, stats.Expected);
        Assert.Equal(-1, stats.Lost);
        Assert.True(stats.Problem);
    }

    [Fact]
    public void An_event_end_packet_sent_three_times_with_one_sequence_number_counts_three_times()
    {
        // RFC 4733: the end of an event is sent three times with one sequence number and timestamp; here the
        // stream begins with it, then the audio follows.
        var packets = new List<(ushort Seq, uint Ts, byte Pt)> { (500, 0, 101), (500, 0, 101), (500, 0, 101) };
        for (int i = 1; i <= 40; i++)
            packets.Add(((ushort)(500 + i), (uint)(i * 160), 0));

        var stats = Run(packets);

        Assert.Equal(43, stats.Packets);
        Assert.Equal(41, stats.Expected);
        Assert.Equal(-2, stats.Lost);
    }

    [Fact]
    public void Loss_before_confirmation_is_counted()
    {
        // 10, then 12 … 39: 11 is lost before three packets in a row could confirm the stream.
        var packets = new List<(ushort Seq, uint Ts, byte Pt)> { (10, 0, 0) };
        for (int i = 2; i < 30; i++)
            packets.Add(((ushort)(10 + i), (uint)(i * 160), 0));

        var stats = Run(packets);

        Assert.Equal(29, stats.Packets);
        Assert.Equal(30, stats.Expected);
        Assert.Equal(1, stats.Lost);
        Assert.Equal(40, stats.MaxDelta, 6);
    }

    [Fact]
    public void A_flow_that_never_runs_in_sequence_is_not_a_stream()
    {
        var engine = new RtpEngine();
        var buffer = SyntheticRtp.Packet(0, 0, Ssrc);
        // Sequence numbers that jump every time: no run of three, however many datagrams.
        for (int i = 0; i < 100; i++)
        {
            SyntheticRtp.Write(buffer, (ushort)(i * 7919), (uint)(i * 160), Ssrc);
            engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, i + 1, 1_000_000_000L + i * 20_000_000L), buffer);
        }
        Assert.Empty(engine.Streams);
        Assert.Equal(0, engine.Counters.RtpPackets);
    }

    [Fact]
    public void A_confirmed_candidate_counts_all_its_datagrams_as_rtp()
    {
        var engine = new RtpEngine();
        // A duplicate first, then a run: the stream is confirmed on its fourth datagram, and all of them are RTP.
        ushort[] sequence = [7, 7, 8, 9, 10, 11];
        for (int i = 0; i < sequence.Length; i++)
            engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, i + 1, 1_000_000_000L + i * 20_000_000L),
                SyntheticRtp.Packet(sequence[i], (uint)(i * 160), Ssrc));
        Assert.Equal(6, Assert.Single(engine.Streams).Statistics.Packets);
        Assert.Equal(6, engine.Counters.RtpPackets);
    }

    [Fact]
    public void A_stream_captured_twice_over_is_found_and_its_copies_count_as_duplicates()
    {
        // A Linux "any" capture holds each packet twice (once per interface it crossed): 1, 1, 2, 2, … 30, 30.
        // No two packets in a row are in sequence, yet the copies must not hide the stream.
        var packets = new List<(ushort Seq, uint Ts, byte Pt)>();
        for (int i = 0; i < 30; i++)
        {
            packets.Add(((ushort)(1 + i), (uint)(i * 160), 0));
            packets.Add(((ushort)(1 + i), (uint)(i * 160), 0));
        }

        var stats = Run(packets);

        Assert.Equal(60, stats.Packets);
        Assert.Equal(30, stats.Expected);
        Assert.Equal(-30, stats.Lost);
    }

    [Fact]
    public void A_copy_is_no_proof_a_repeated_datagram_alone_is_not_a_stream()
    {
        var engine = new RtpEngine();
        // The same datagram 20 times: copies neither prove nor break a run, so nothing confirms it.
        for (int i = 0; i < 20; i++)
            engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, i + 1, 1_000_000_000L + i * 1_000_000L),
                SyntheticRtp.Packet(4242, 160, Ssrc));
        Assert.Empty(engine.Streams);
    }

    [Theory]
    [InlineData(0, 1)] // two files of one capture point (a ring-buffer set): one stream
    [InlineData(1, 2)] // two points: a stream each
    public void The_files_of_one_capture_point_continue_one_stream(int secondPoint, int streams)
    {
        var engine = new RtpEngine();
        for (int i = 0; i < 40; i++)
        {
            // Packets 0–19 in file 0, 20–39 in file 1 (frame numbers start over in each file).
            var meta = SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, i % 20 + 1, 1_000_000_000L + i * 20_000_000L);
            meta.Capture = i < 20 ? 0 : 1;
            meta.Point = i < 20 ? 0 : secondPoint;
            engine.OnUdp(meta, SyntheticRtp.Packet((ushort)(100 + i), (uint)(i * 160), Ssrc));
        }
        Assert.Equal(streams, engine.Streams.Count);
        Assert.Equal(40, engine.Streams.Sum(s => s.Statistics.Packets));
        Assert.All(engine.Streams, s => Assert.Equal(0, s.Statistics.Lost));
    }

    private static RtpStreamStatistics Run(List<(ushort Seq, uint Ts, byte Pt)> packets)
    {
        var engine = new RtpEngine();
        for (int i = 0; i < packets.Count; i++)
        {
            var (seq, ts, pt) = packets[i];
            // Each packet arrives on time for its timestamp (8000 Hz: 125 µs a tick).
            var meta = SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, i + 1, 1_000_000_000L + ts * 125_000L);
            engine.OnUdp(meta, SyntheticRtp.Packet(seq, ts, Ssrc, pt));
        }
        return Assert.Single(engine.Streams).Statistics;
    }
}
