namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// What the reader keeps of one pcapng interface to interpret its packets: global id, link type, snaplen
/// and the clock (if_tsresol, if_tsoffset).
/// </summary>
internal readonly struct PcapngInterface
{
    private const ulong NanosPerSecond = 1_000_000_000;

    /// <summary>ns per tick when the resolution divides a second into whole ns (10^-n, n ≤ 9); else 0.</summary>
    private readonly ulong _nsPerTick;

    public PcapngInterface(int globalId, int linkType, uint snapLength, ulong ticksPerSecond, long offsetSeconds)
    {
        GlobalId = globalId;
        LinkType = linkType;
        SnapLength = snapLength;
        TicksPerSecond = ticksPerSecond;
        OffsetSeconds = offsetSeconds;
        _nsPerTick = NanosPerSecond % ticksPerSecond == 0 ? NanosPerSecond / ticksPerSecond : 0;
    }

    public int GlobalId { get; }
    public int LinkType { get; }
    public uint SnapLength { get; }
    public ulong TicksPerSecond { get; }
    public long OffsetSeconds { get; }

    /// <summary>
    /// Ticks since the epoch to ns, as libpcap and Wireshark do it: whole seconds = ticks / resolution,
    /// fraction = (ticks mod resolution) · 10^9 / resolution truncated, then if_tsoffset added to the seconds.
    /// 128-bit arithmetic keeps the fraction exact for fine binary resolutions, where 64 bits would overflow.
    /// </summary>
    public long ToNanoseconds(ulong ticks)
    {
        ulong seconds = ticks / TicksPerSecond;
        ulong remainder = ticks - seconds * TicksPerSecond;
        ulong fraction = _nsPerTick != 0
            ? remainder * _nsPerTick
            : (ulong)((UInt128)remainder * NanosPerSecond / TicksPerSecond);
        return unchecked(((long)seconds + OffsetSeconds) * (long)NanosPerSecond + (long)fraction);
    }

    /// <summary>
    /// Decodes if_tsresol: most significant bit clear = 10^-n, set = 2^-n. Returns 0 for a resolution no
    /// 64-bit counter can hold (the caller keeps the default then).
    /// </summary>
    public static ulong TicksPerSecondFromResolution(byte resolution)
    {
        int exponent = resolution & 0x7F;
        if ((resolution & 0x80) != 0)
        {
            return exponent <= 63 ? 1UL << exponent : 0;
        }

        if (exponent > 19)
        {
            return 0;
        }

        ulong ticks = 1;
        for (int i = 0; i < exponent; i++)
        {
            ticks *= 10;
        }

        return ticks;
    }
}
