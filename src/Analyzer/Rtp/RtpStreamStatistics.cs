using PcapSipAnalyzer.Protocols.Rtp;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Loss, sequence, delta and jitter of one RTP stream, updated packet by packet in constant space, with the
/// rules of Wireshark 4.0's RTP stream analysis (ui/tap-rtp-analysis.c) so that every figure can be checked
/// against <c>tshark -z rtp,streams</c>. Times are in milliseconds. The quirks are Wireshark's and kept on
/// purpose: "mean" delta and jitter divide by all packets so far (not by the packets included), the clock
/// rate is divided by 1000 in integers (44100 Hz → 44), a timestamp before the first one marks the packet
/// "wrong timestamp", and "expected" uses the sequence number of the last packet received. Timestamps are
/// compared by serial arithmetic (RFC 3550 A.1), as Wireshark's RTP dissector extends them: each one is taken
/// in the 2^32 cycle nearest the previous packet's, so a wrap — even between the first and second packet —
/// is time going on, not going back.
/// </summary>
public struct RtpStreamStatistics
{
    private bool _started;
    private bool _under;
    private ushort _lastInSequence;
    private byte _payloadType;
    private long _firstTimestamp;
    private long _lastTimestamp;
    private double _lastInSequenceMs;
    private double _lastNominalMs;
    // Smallest arrival − nominal time so far: the earliest a packet came relative to its timestamp.
    private double _minTransitMs;

    public ushort FirstSequence { get; private set; }
    /// <summary>Sequence number of the last packet received (in order or not).</summary>
    public ushort LastSequence { get; private set; }
    public int SequenceCycles { get; private set; }
    /// <summary>Packets received.</summary>
    public long Packets { get; private set; }
    /// <summary>Packets whose sequence number was not the next one (gaps, late, duplicates).</summary>
    public long SequenceErrors { get; private set; }
    public double StartMs { get; private set; }
    public double Delta { get; private set; }
    public double MinDelta { get; private set; }
    public double MeanDelta { get; private set; }
    public double MaxDelta { get; private set; }
    /// <summary>Current jitter J.</summary>
    public double Jitter { get; private set; }
    public double MinJitter { get; private set; }
    public double MeanJitter { get; private set; }
    public double MaxJitter { get; private set; }
    /// <summary>Any packet out of sequence or with a wrong timestamp: Wireshark's "Problems?" column.</summary>
    public bool Problem { get; private set; }
    /// <summary>Flags of the last packet.</summary>
    public RtpStatFlags Flags { get; private set; }
    /// <summary>
    /// Packets a fixed de-jitter buffer of <see cref="StreamQuality.JitterBufferMs"/> would have discarded: later than
    /// that behind the earliest packet relative to its timestamp, or with a timestamp before the first one.
    /// </summary>
    public long LateForBuffer { get; private set; }
    /// <summary>The last packet went into the jitter figures (min, mean, max): a known clock, no marker, comfort noise or wrong timestamp.</summary>
    public bool JitterCounted { get; private set; }
    /// <summary>Clock rate last used (Hz); 0 when none was known, so no jitter.</summary>
    public int ClockRate { get; private set; }

    /// <summary>Expected packets: last sequence number + 65536 × cycles − first + 1.</summary>
    public readonly long Expected => LastSequence + (long)SequenceCycles * 0x10000 - FirstSequence + 1;
    /// <summary>Expected − received; negative when packets were duplicated.</summary>
    public readonly long Lost => Expected - Packets;
    public readonly double LostPercent => Expected != 0 ? Lost * 100.0 / Expected : 0;
    /// <summary>Whether any packet went into the delta statistics (else they print as Wireshark's -1/0).</summary>
    public readonly bool HasDelta => MinDelta >= 0;

    /// <summary>
    /// Adds one packet. <paramref name="clockRate"/> is the RTP clock of its payload type (0 = unknown or
    /// telephone-event: delta only, no jitter).
    /// </summary>
    public void Add(double arrivalMs, ushort sequence, uint timestamp, byte payloadType, bool marker, int clockRate)
    {
        if (!_started)
        {
            Start(arrivalMs, sequence, timestamp, payloadType, marker);
            return;
        }
        var flags = RtpStatFlags.None;
        long extended = Extend(timestamp);
        _lastTimestamp = extended;
        // Only a timestamp at or after the first one counts as in sequence.
        bool inTime = extended >= _firstTimestamp;
        if (!inTime)
        {
            flags |= RtpStatFlags.WrongTimestamp;
            LateForBuffer++;
        }

        CountCycles(sequence, inTime);
        flags |= CheckSequence(sequence, inTime);

        if (RtpPayloadTypes.IsComfortNoise(payloadType))
            flags |= RtpStatFlags.ComfortNoise;
        if (RtpPayloadTypes.IsComfortNoise(_payloadType))
            flags |= RtpStatFlags.FollowsComfortNoise;
        if (payloadType != _payloadType)
            flags |= RtpStatFlags.PayloadTypeChange;
        _payloadType = payloadType;

        double diff = 0;
        if (inTime)
        {
            // Wireshark divides by clock/1000 as an integer; a clock below 1 kHz (none is valid) gives no jitter.
            int ticksPerMs = clockRate / 1000;
            if (ticksPerMs > 0)
            {
                ClockRate = clockRate;
                double nominalMs = (double)(extended - _firstTimestamp) / ticksPerMs;
                double expectedMs = _lastInSequenceMs + (nominalMs - _lastNominalMs);
                diff = Math.Abs(arrivalMs - expectedMs);
                Jitter = (15 * Jitter + diff) / 16;
                CountLate(arrivalMs - nominalMs);
                Delta = arrivalMs - _lastInSequenceMs;
                _lastNominalMs = nominalMs;
            }
            else
            {
                Delta = arrivalMs - _lastInSequenceMs;
            }
        }
        if (marker)
            flags |= RtpStatFlags.Marker;

        const RtpStatFlags excluded = RtpStatFlags.Marker | RtpStatFlags.ComfortNoise
            | RtpStatFlags.WrongTimestamp | RtpStatFlags.FollowsComfortNoise;
        JitterCounted = (flags & excluded) == 0 && clockRate / 1000 > 0;
        if ((flags & excluded) == 0)
            Aggregate(diff, clockRate / 1000 > 0);

        if (inTime)
            _lastInSequenceMs = arrivalMs;
        LastSequence = sequence;
        Packets++;
        Flags = flags;
        if ((flags & (RtpStatFlags.WrongSequence | RtpStatFlags.WrongTimestamp)) != 0)
            Problem = true;
    }

    private void Start(double arrivalMs, ushort sequence, uint timestamp, byte payloadType, bool marker)
    {
        _started = true;
        FirstSequence = sequence;
        LastSequence = sequence;
        _lastInSequence = sequence;
        StartMs = arrivalMs;
        _lastInSequenceMs = arrivalMs;
        // One cycle up, so that a packet from before a wrap at the start stays positive.
        _firstTimestamp = 0x1_0000_0000L | timestamp;
        _lastTimestamp = _firstTimestamp;
        _lastNominalMs = 0;
        _minTransitMs = arrivalMs;
        _payloadType = payloadType;
        MinDelta = -1;
        MinJitter = -1;
        Packets = 1;
        Flags = RtpStatFlags.First | (marker ? RtpStatFlags.Marker : 0);
    }

    private void CountLate(double transitMs)
    {
        if (transitMs < _minTransitMs)
            _minTransitMs = transitMs;
        else if (transitMs - _minTransitMs > StreamQuality.JitterBufferMs)
            LateForBuffer++;
    }

    /// <summary>The timestamp in the 2^32 cycle nearest the previous packet's (within half the range either way).</summary>
    private readonly long Extend(uint timestamp)
    {
        long extended = (_lastTimestamp & ~0xFFFF_FFFFL) | timestamp;
        if (extended + 0x8000_0000L < _lastTimestamp)
            extended += 0x1_0000_0000L;
        else if (_lastTimestamp + 0x8000_0000L < extended)
            extended -= 0x1_0000_0000L;
        return extended;
    }

    private void CountCycles(ushort sequence, bool inTime)
    {
        if (!inTime)
            return;
        if (!_under && (sequence < FirstSequence || (sequence == 0 && LastSequence == 65535)))
        {
            SequenceCycles++;
            _under = true;
        }
        else if (_under && sequence > FirstSequence)
        {
            _under = false;
        }
    }

    private RtpStatFlags CheckSequence(ushort sequence, bool inTime)
    {
        int last = _lastInSequence;
        if (inTime && (last + 1 == sequence || (last == 65535 && sequence == 0)))
        {
            _lastInSequence = sequence;
            return RtpStatFlags.None;
        }
        // A jump forward is loss; a jump back by almost the whole range is a wrap whose packets were lost.
        if (inTime && (last + 1 < sequence || last - sequence > 0xFF00))
        {
            _lastInSequence = sequence;
            SequenceErrors++;
            return RtpStatFlags.WrongSequence;
        }
        if (last + 1 > sequence)
        {
            SequenceErrors++;
            return RtpStatFlags.WrongSequence;
        }
        return RtpStatFlags.None;
    }

    private void Aggregate(double diff, bool withJitter)
    {
        // Wireshark's running "mean" divides by the packets before this one, included or not.
        long n = Packets;
        if (Delta > MaxDelta)
            MaxDelta = Delta;
        if (MinDelta == -1 || Delta < MinDelta)
            MinDelta = Delta;
        MeanDelta = (MeanDelta * (n - 1) + Delta) / n;
        if (!withJitter)
            return;
        if (Jitter > MaxJitter)
            MaxJitter = Jitter;
        MeanJitter = (MeanJitter * (n - 1) + MeanJitterSample(diff)) / n;
        if (MinJitter == -1 || Jitter < MinJitter)
            MinJitter = Jitter;
    }

    private readonly double MeanJitterSample(double diff) => Jitter;
}
