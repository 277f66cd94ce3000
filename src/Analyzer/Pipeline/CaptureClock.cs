namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// The time the engines see at one capture point: the packets' timestamps taken in capture order. A packet
/// stamped before the latest time seen is taken at that time (a clock stepped back, interfaces merged out of
/// order), so no timer fires and no interval turns negative; a step of more than a day either way (a clock set
/// wrong, captures of different days joined, a damaged timestamp) counts as no time at all, and the times after
/// it continue from there. Both are reported as anomalies by the caller.
/// </summary>
internal struct CaptureClock
{
    public const long JumpNs = 86_400L * 1_000_000_000;

    private long _offsetNs;
    private bool _started;

    /// <summary>The engines' time of the latest packet (long.MinValue before any).</summary>
    public long NowNs { get; private set; }

    public CaptureClock() => NowNs = long.MinValue;

    /// <summary>The engines' time for a packet stamped <paramref name="timestampNs"/>.</summary>
    /// <param name="arrivalNs">The packet's own time with the jumps taken out but not the steps back: the time
    /// RTP jitter is measured on, as Wireshark measures it.</param>
    public long Advance(long timestampNs, out long arrivalNs, out bool backwards, out bool jumped)
    {
        backwards = jumped = false;
        if (!_started)
        {
            _started = true;
            return NowNs = arrivalNs = timestampNs;
        }
        arrivalNs = timestampNs + _offsetNs;
        long step = arrivalNs - NowNs;
        backwards = step < 0;
        if (step > JumpNs || step < -JumpNs)
        {
            jumped = true;
            _offsetNs = NowNs - timestampNs;
            return arrivalNs = NowNs;
        }
        if (step > 0) NowNs = arrivalNs;
        return NowNs;
    }
}
