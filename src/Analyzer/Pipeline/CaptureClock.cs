namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// The time the engines see at one capture point: the packets' timestamps taken in capture order. A packet
/// stamped before the latest time seen is taken at that time (a clock stepped back, interfaces merged out of
/// order), so no timer fires and no interval turns negative; a step of more than a day either way (a clock set
/// wrong, captures of different days joined, a damaged timestamp) counts as no time at all, and the times after
/// it continue from there. Both are reported as anomalies by the caller.
/// A packet stamped ahead of both its neighbours is one stray stamp, not a clock step: see <see cref="OutlierNs"/>.
/// </summary>
internal struct CaptureClock
{
    public const long JumpNs = 86_400L * 1_000_000_000;

    /// <summary>
    /// A step forward of more than this is judged by the point's next packet. If that packet is stamped back
    /// before the step by more than this again, the stepped packet is the outlier (a damaged stamp, a packet from
    /// another clock slipped in by a merge) and the clock never went there: it is taken at its predecessor's time
    /// and counted once as <c>timestamp-outlier</c>. Taking its stamp as the time instead would set every later
    /// packet behind the clock (each a <c>timestamp-backwards</c>) and fire every timer in between (a REGISTER's
    /// timer F, a call's media window) — false findings from one bad stamp. A forensic reader wants the one bad
    /// frame named. Otherwise (the next packet follows on) the step was real: a silence in the traffic, a clock set
    /// forward. One second is below every SIP timer that could fire early (timer F and B are 32 s, the slack of the
    /// media window is seconds) and far above what merged interfaces put out of order (milliseconds).
    /// </summary>
    public const long OutlierNs = 1_000_000_000;

    private long _offsetNs;
    private bool _started;

    /// <summary>The engines' time of the latest packet (long.MinValue before any).</summary>
    public long NowNs { get; private set; }

    public CaptureClock() => NowNs = long.MinValue;

    /// <summary>A packet stamped this far ahead of the clock waits for the next one to say whether it is an outlier.</summary>
    public readonly bool StepsAhead(long timestampNs) => _started && timestampNs + _offsetNs - NowNs > OutlierNs;

    /// <summary>The packet held at <paramref name="heldNs"/> is an outlier when the next one is stamped well before it.</summary>
    public static bool IsOutlier(long heldNs, long nextNs) => nextNs < heldNs - OutlierNs;

    /// <summary>
    /// The engines' time for an outlier: the clock stays where it was. Its stamp is not measured on either (RTP
    /// jitter takes it at its predecessor's time), as a jump's is not: an interval from a stray stamp is no interval.
    /// </summary>
    public readonly long Outlier => NowNs;

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
