using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// What every packet of an RTP stream reads and writes, in one struct: the statistics, the time series' current
/// slice, the last frame and time, the payload types seen and the clock rate of the last one. An active stream's
/// state lives in the engine's <see cref="RtpStreamSlots"/>, next to the other active streams' (a packet of a
/// known stream touches these few adjacent lines and not the <see cref="RtpStream"/> object); a candidate's or
/// a retired stream's lives with the stream.
/// </summary>
internal struct RtpStreamState
{
    public RtpStreamStatistics Stats;
    public RtpTimeSeries Series;
    /// <summary>The stream this is the state of, for what a packet rarely needs (a payload type's name or clock rate).</summary>
    public RtpStream Owner;
    public long StartNs;
    public long EndNs;
    public FrameRef LastFrame;
    public uint Ssrc;
    // Heuristic confirmation: the last packet's sequence number and timestamp.
    public uint CandidateTimestamp;
    public ushort CandidateSequence;
    public bool Confirmed;
    public bool Suspended;
    // The clock rate of payload type ClockKey − 1 under the stream's payload map; 0 = none cached.
    public byte ClockKey;
    public int ClockRate;
    // Bit i set = payload type i seen (0–127).
    public ulong TypesLow;
    public ulong TypesHigh;

    /// <summary>Whether payload type <paramref name="pt"/> was seen; marks it seen.</summary>
    public bool NoteSeen(byte pt)
    {
        ulong bit = 1UL << (pt & 63);
        ref ulong bits = ref pt < 64 ? ref TypesLow : ref TypesHigh;
        if ((bits & bit) != 0)
            return true;
        bits |= bit;
        return false;
    }

    public readonly bool Seen(int pt) => ((pt < 64 ? TypesLow : TypesHigh) & (1UL << (pt & 63))) != 0;
}
