using System.Buffers;
using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// pcapng: blocks of (type, total length, body, total length). Section headers set the byte order and
/// restart the interface ids; interface descriptions are turned into <see cref="CaptureInterface"/>s;
/// EPB, SPB and the obsolete PB become packets; every other block is skipped by its length. A block whose
/// length is impossible, or whose trailing length does not match, starts a search for the next valid block.
/// </summary>
internal struct PcapngFormat : IRecordFormat
{
    /// <summary>
    /// Real captures have a handful of interfaces; each one costs memory for the whole read, so a file
    /// made of nothing but interface blocks must not be able to grow it without bound.
    /// </summary>
    public const int MaxInterfaces = 1 << 16;

    private readonly CaptureReadContext _context;
    private readonly List<PcapngInterface> _sectionInterfaces = new();
    private bool _bigEndian;
    private long _blocks;
    private int _nextInterfaceId;
    private bool _finished;

    private bool _resynchronising;
    private bool _resyncPastEnd;
    private long _resyncFrom;
    private long _resyncBlock;
    private string _resyncReason = "";

    public PcapngFormat(CaptureReadContext context)
    {
        _context = context;
        context.Summary.Format = CaptureFormat.Pcapng;
    }

    public readonly int HeaderLength => PcapngLayout.FrameHeaderLength;
    public readonly bool Resynchronising => _resynchronising;
    public readonly bool Finished => _finished;

    public readonly long Measure(ReadOnlySpan<byte> header) => BlockLength(header, _bigEndian);

    public bool Deliver<TSink>(ReadOnlySpan<byte> block, long fileOffset, ref TSink sink)
        where TSink : IPacketSink
    {
        switch (ReadBlock(block, fileOffset, out var packet))
        {
            case PcapngBlockRead.Resynchronising:
                return false;
            case PcapngBlockRead.Packet:
                sink.OnPacket(in packet);
                break;
            case PcapngBlockRead.Interface:
                ReadInterface(block, fileOffset, ref sink);
                break;
        }

        _blocks++;
        return true;
    }

    // Not generic, so that it is precompiled (ReadyToRun) once for every sink. The generic methods are compiled for a
    // sink of another assembly by the JIT, unoptimised at first (tier 0), and a run shorter than the runtime's wait
    // before optimising stays there, for every block.
    private PcapngBlockRead ReadBlock(ReadOnlySpan<byte> block, long fileOffset, out CapturedPacket packet)
    {
        uint type = Read32(block, _bigEndian);
        bool bigEndian = type == PcapngBlockType.SectionHeader ? SectionIsBigEndian(block) : _bigEndian;
        uint trailer = Read32(block[^4..], bigEndian);
        if (trailer != (uint)block.Length)
        {
            BeginResync(fileOffset, $"block length {block.Length} does not match its trailing length {trailer}", pastEnd: false);
            packet = default;
            return PcapngBlockRead.Resynchronising;
        }

        // The packet readers set the packet themselves; every other kind of block leaves none.
        switch (type)
        {
            case PcapngBlockType.EnhancedPacket:
                return ReadPacket(block, fileOffset, Read32(block[PcapngLayout.EpbInterfaceOffset..], _bigEndian), out packet);
            case PcapngBlockType.SimplePacket:
                return ReadSimplePacket(block, fileOffset, out packet);
            case PcapngBlockType.ObsoletePacket:
                return ReadPacket(block, fileOffset, Read16(block[PcapngLayout.EpbInterfaceOffset..], _bigEndian), out packet);
            case PcapngBlockType.InterfaceDescription:
                packet = default;
                return PcapngBlockRead.Interface;
            case PcapngBlockType.SectionHeader:
                ReadSectionHeader(block, fileOffset, bigEndian);
                packet = default;
                return PcapngBlockRead.Other;
            default:
                _context.Summary.SkippedBlocks++;
                packet = default;
                return PcapngBlockRead.Other;
        }
    }

    public void OnBadLength(long fileOffset, long length, bool pastEnd) =>
        BeginResync(fileOffset, pastEnd ? $"block of {length} bytes runs past the end of the input" : "impossible block length", pastEnd);

    public void OnOversize<TSink>(ReadOnlySpan<byte> header, long fileOffset, long length, ref TSink sink)
        where TSink : IPacketSink
    {
        uint type = Read32(header, _bigEndian);
        _blocks++;
        _context.WarnOversize($"block {_blocks}", fileOffset, length);
        switch (type)
        {
            case PcapngBlockType.SectionHeader:
                // A section whose options cannot be read still sets the byte order of the blocks after it.
                _bigEndian = SectionIsBigEndian(header);
                _context.Summary.Sections++;
                _sectionInterfaces.Clear();
                break;
            case PcapngBlockType.EnhancedPacket:
            case PcapngBlockType.ObsoletePacket:
            case PcapngBlockType.SimplePacket:
                uint interfaceId = type == PcapngBlockType.SimplePacket ? 0
                    : type == PcapngBlockType.EnhancedPacket ? Read32(header[PcapngLayout.EpbInterfaceOffset..], _bigEndian)
                    : Read16(header[PcapngLayout.EpbInterfaceOffset..], _bigEndian);
                var captureInterface = interfaceId < (uint)_sectionInterfaces.Count ? _sectionInterfaces[(int)interfaceId] : default;
                var packet = new CapturedPacket
                {
                    CaptureIndex = _context.CaptureIndex,
                    FrameNumber = _context.CountPacket(_context.Summary.LastTimestampNs, 0, hasTimestamp: false),
                    TimestampNs = _context.Summary.LastTimestampNs,
                    InterfaceId = captureInterface.GlobalId,
                    LinkType = captureInterface.LinkType,
                    OriginalLength = (int)Math.Min(length, int.MaxValue),
                    FileOffset = fileOffset,
                };
                sink.OnOversizeRecord(in packet);
                break;
            default:
                _context.Summary.SkippedBlocks++;
                break;
        }
    }

    public void OnCutHeader(long fileOffset, long bytesLeft)
    {
        if (_blocks == 0)
        {
            CaptureErrors.Throw($"section header block cut short ({bytesLeft} bytes)", fileOffset, 1, "block");
        }

        Truncate(fileOffset, _blocks + 1, $"block header cut short ({bytesLeft} bytes)");
    }

    public long Resynchronise(in ReadOnlySequence<byte> rest, long fileOffset, bool completed)
    {
        Span<byte> header = stackalloc byte[PcapngLayout.FrameHeaderLength];
        Span<byte> trailer = stackalloc byte[4];
        long available = rest.Length;
        // Blocks are 32-bit aligned, so only every 4th byte can start one.
        for (long skip = 0; ; skip += 4)
        {
            if (skip + header.Length > available)
            {
                if (!completed)
                {
                    return skip;
                }

                GiveUpResync();
                return available;
            }

            rest.Slice(skip, header.Length).CopyTo(header);
            if (!PcapngBlockType.IsPlausible(Read32(header, _bigEndian)))
            {
                continue;
            }

            bool bigEndian = Read32(header, _bigEndian) == PcapngBlockType.SectionHeader ? SectionIsBigEndian(header) : _bigEndian;
            long length = BlockLength(header, _bigEndian);
            long offset = fileOffset + skip;
            // A candidate longer than a record may be is never waited for: judging it would buffer all of it.
            if (length < 0 || length > CaptureReadContext.MaxBufferedRecordLength
                || (_context.InputLength is long inputLength && offset + length > inputLength))
            {
                continue;
            }

            if (skip + length > available)
            {
                if (!completed)
                {
                    return skip; // this candidate needs more data before it can be judged
                }

                continue;
            }

            rest.Slice(skip + length - 4, 4).CopyTo(trailer);
            if (Read32(trailer, bigEndian) == (uint)length)
            {
                _resynchronising = false;
                _context.Warn($"{_resyncReason} at offset {_resyncFrom} (block {_resyncBlock}); " +
                    $"skipped {offset - _resyncFrom} bytes and resynchronised on the block at offset {offset}");
                return skip;
            }
        }
    }

    private void GiveUpResync()
    {
        _resynchronising = false;
        if (_resyncPastEnd)
        {
            Truncate(_resyncFrom, _resyncBlock, _resyncReason);
            return;
        }

        CaptureErrors.Throw($"{_resyncReason}, and no valid block follows", _resyncFrom, _resyncBlock, "block");
    }

    private void BeginResync(long fileOffset, string reason, bool pastEnd)
    {
        if (_blocks == 0)
        {
            CaptureErrors.Throw($"not a pcapng file: {reason} in the section header block", fileOffset, 1, "block");
        }

        _resynchronising = true;
        _resyncPastEnd = pastEnd;
        _resyncFrom = fileOffset;
        _resyncBlock = _blocks + 1;
        _resyncReason = reason;
    }

    private void Truncate(long fileOffset, long block, string what)
    {
        _finished = true;
        _context.Summary.Truncated = true;
        _context.Warn($"truncated: {what} at offset {fileOffset} (block {block}); the {_context.Packets} packets before it were read");
    }

    private void SkipDamaged(long fileOffset, string what)
    {
        _context.Summary.SkippedBlocks++;
        _context.Warn($"{what} at offset {fileOffset} (block {_blocks + 1}); block skipped");
    }

    private void ReadSectionHeader(ReadOnlySpan<byte> block, long fileOffset, bool bigEndian)
    {
        if (block.Length < PcapngLayout.ShbMinimumLength)
        {
            CaptureErrors.Throw($"section header block too short ({block.Length} bytes)", fileOffset, _blocks + 1, "block");
        }

        ushort major = Read16(block[PcapngLayout.ShbMajorOffset..], bigEndian);
        if (major != PcapngLayout.SupportedMajorVersion)
        {
            ushort minor = Read16(block[(PcapngLayout.ShbMajorOffset + 2)..], bigEndian);
            CaptureErrors.Throw($"unsupported pcapng version {major}.{minor}", fileOffset, _blocks + 1, "block");
        }

        var summary = _context.Summary;
        if (summary.Sections == 0)
        {
            summary.BigEndian = bigEndian;
        }

        summary.Sections++;
        _bigEndian = bigEndian;
        _sectionInterfaces.Clear();
    }

    private void ReadInterface<TSink>(ReadOnlySpan<byte> block, long fileOffset, ref TSink sink)
        where TSink : IPacketSink
    {
        if (block.Length < PcapngLayout.IdbMinimumLength)
        {
            SkipDamaged(fileOffset, $"interface description block too short ({block.Length} bytes)");
            return;
        }

        int linkType = Read16(block[PcapngLayout.IdbLinkTypeOffset..], _bigEndian);
        uint snapLength = Read32(block[PcapngLayout.IdbSnapLengthOffset..], _bigEndian);
        string? name = null, description = null;
        ulong ticksPerSecond = 1_000_000;
        long offsetSeconds = 0;
        int fcsLength = -1;
        foreach (var option in new PcapngOptions(block[PcapngLayout.IdbOptionsOffset..^4], _bigEndian))
        {
            var value = option.Value;
            switch (option.Code)
            {
                case PcapngOptionCode.IfName:
                    name = PcapngOptions.Text(value);
                    break;
                case PcapngOptionCode.IfDescription:
                    description = PcapngOptions.Text(value);
                    break;
                case PcapngOptionCode.IfTimestampResolution when value.Length >= 1:
                    ulong ticks = PcapngInterface.TicksPerSecondFromResolution(value[0]);
                    if (ticks == 0)
                    {
                        _context.Warn($"if_tsresol 0x{value[0]:x2} out of range at offset {fileOffset} (block {_blocks + 1}); microseconds assumed");
                    }
                    else
                    {
                        ticksPerSecond = ticks;
                    }

                    break;
                case PcapngOptionCode.IfTimestampOffset when value.Length >= 8:
                    offsetSeconds = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
                    break;
                case PcapngOptionCode.IfFcsLength when value.Length >= 1:
                    fcsLength = value[0];
                    break;
            }
        }

        if (_nextInterfaceId == MaxInterfaces)
        {
            CaptureErrors.Throw($"more than {MaxInterfaces} interface description blocks", fileOffset, _blocks + 1, "block");
        }

        var summary = _context.Summary;
        int id = _nextInterfaceId++;
        _sectionInterfaces.Add(new PcapngInterface(id, linkType, snapLength, ticksPerSecond, offsetSeconds));
        var captureInterface = new CaptureInterface
        {
            Id = id,
            Section = summary.Sections - 1,
            LocalId = _sectionInterfaces.Count - 1,
            LinkType = linkType,
            SnapLength = (int)Math.Min(snapLength, int.MaxValue),
            Name = name,
            Description = description,
            FcsLength = fcsLength,
            TicksPerSecond = ticksPerSecond,
            TimestampOffsetSeconds = offsetSeconds,
        };
        summary.Nanosecond |= ticksPerSecond > 1_000_000;
        summary.Interfaces.Add(captureInterface);
        sink.OnInterface(captureInterface);
    }

    /// <summary>EPB and the obsolete PB: same layout after the interface id.</summary>
    private PcapngBlockRead ReadPacket(ReadOnlySpan<byte> block, long fileOffset, uint interfaceId, out CapturedPacket packet)
    {
        if (block.Length < PcapngLayout.EpbMinimumLength || interfaceId >= (uint)_sectionInterfaces.Count)
        {
            SkipDamaged(fileOffset, block.Length < PcapngLayout.EpbMinimumLength
                ? $"packet block too short ({block.Length} bytes)"
                : $"packet block names interface {interfaceId}, but the section has {_sectionInterfaces.Count}");
            packet = default;
            return PcapngBlockRead.Other;
        }

        uint captured = Read32(block[PcapngLayout.EpbCapturedLengthOffset..], _bigEndian);
        int room = block.Length - PcapngLayout.EpbMinimumLength;
        if (captured > (uint)room)
        {
            SkipDamaged(fileOffset, $"captured length {captured} larger than the packet block");
            packet = default;
            return PcapngBlockRead.Other;
        }

        ulong ticks = ((ulong)Read32(block[PcapngLayout.EpbTimestampHighOffset..], _bigEndian) << 32)
            | Read32(block[PcapngLayout.EpbTimestampLowOffset..], _bigEndian);
        uint original = Read32(block[PcapngLayout.EpbOriginalLengthOffset..], _bigEndian);
        int optionsStart = PcapngLayout.EpbDataOffset + (((int)captured + 3) & ~3);
        var options = optionsStart < block.Length - 4 ? block[optionsStart..^4] : default;
        var captureInterface = _sectionInterfaces[(int)interfaceId];
        packet = Packet(captureInterface, captureInterface.ToNanoseconds(ticks), hasTimestamp: true,
            block.Slice(PcapngLayout.EpbDataOffset, (int)captured), original, fileOffset, options);
        return PcapngBlockRead.Packet;
    }

    /// <summary>SPB: no timestamp; captured length = original length cut to interface 0's snaplen and the block.</summary>
    private PcapngBlockRead ReadSimplePacket(ReadOnlySpan<byte> block, long fileOffset, out CapturedPacket packet)
    {
        if (block.Length < PcapngLayout.SpbMinimumLength || _sectionInterfaces.Count == 0)
        {
            SkipDamaged(fileOffset, block.Length < PcapngLayout.SpbMinimumLength
                ? $"simple packet block too short ({block.Length} bytes)"
                : "simple packet block before any interface description");
            packet = default;
            return PcapngBlockRead.Other;
        }

        var captureInterface = _sectionInterfaces[0];
        uint original = Read32(block[PcapngLayout.SpbOriginalLengthOffset..], _bigEndian);
        uint captured = original;
        if (captureInterface.SnapLength != 0 && captured > captureInterface.SnapLength)
        {
            captured = captureInterface.SnapLength;
        }

        captured = Math.Min(captured, (uint)(block.Length - PcapngLayout.SpbMinimumLength));
        packet = Packet(captureInterface, 0, hasTimestamp: false,
            block.Slice(PcapngLayout.SpbDataOffset, (int)captured), original, fileOffset, default);
        return PcapngBlockRead.Packet;
    }

    private readonly CapturedPacket Packet(scoped in PcapngInterface captureInterface, long timestamp, bool hasTimestamp,
        ReadOnlySpan<byte> data, uint original, long fileOffset, ReadOnlySpan<byte> options) =>
        new()
        {
            CaptureIndex = _context.CaptureIndex,
            FrameNumber = _context.CountPacket(timestamp, data.Length, hasTimestamp),
            TimestampNs = timestamp,
            InterfaceId = captureInterface.GlobalId,
            LinkType = captureInterface.LinkType,
            OriginalLength = (int)Math.Min(original, int.MaxValue),
            FileOffset = fileOffset,
            Data = data,
            Options = options,
            OptionsBigEndian = _bigEndian,
        };

    /// <summary>Total length of the block whose first 12 bytes are <paramref name="header"/>, or -1 if impossible.</summary>
    private static long BlockLength(ReadOnlySpan<byte> header, bool sectionBigEndian)
    {
        bool bigEndian = sectionBigEndian;
        if (Read32(header, bigEndian) == PcapngBlockType.SectionHeader)
        {
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header[PcapngLayout.ShbByteOrderOffset..]);
            if (magic is not (PcapngLayout.ByteOrderMagic or PcapngLayout.ByteOrderMagicSwapped))
            {
                return -1;
            }

            bigEndian = magic == PcapngLayout.ByteOrderMagicSwapped;
        }

        uint length = Read32(header[4..], bigEndian);
        return length < PcapngLayout.MinimumBlockLength || length % 4 != 0 || length > CaptureReadContext.MaxRecordLength ? -1 : length;
    }

    private static bool SectionIsBigEndian(ReadOnlySpan<byte> block) =>
        BinaryPrimitives.ReadUInt32LittleEndian(block[PcapngLayout.ShbByteOrderOffset..]) == PcapngLayout.ByteOrderMagicSwapped;

    private static uint Read32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private static ushort Read16(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
}
