namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// One time slice of an RTP stream: packets received, packets lost (the rise of Wireshark's expected count
/// minus the packets, so the slices of a stream add up to its <see cref="RtpStreamStatistics.Lost"/>; a
/// reordered or duplicated packet can make one slice negative) and the stream's jitter as it stood after each
/// packet of the slice that Wireshark counts into its jitter figures (so the slices' maximum is the stream's).
/// </summary>
public struct RtpSeriesBucket
{
    public int Packets;
    public int Lost;
    /// <summary>Packets counted into the jitter figures (a known clock rate; no marker, comfort noise or wrong timestamp).</summary>
    public int JitterSamples;
    public float MaxJitterMs;
    public float JitterSumMs;

    /// <summary>Mean jitter over the slice's packets, 0 when none gave one.</summary>
    public readonly double MeanJitterMs => JitterSamples == 0 ? 0 : JitterSumMs / JitterSamples;

    internal void Add(in RtpSeriesBucket other)
    {
        Packets += other.Packets;
        Lost += other.Lost;
        JitterSamples += other.JitterSamples;
        JitterSumMs += other.JitterSumMs;
        if (other.MaxJitterMs > MaxJitterMs) MaxJitterMs = other.MaxJitterMs;
    }
}
