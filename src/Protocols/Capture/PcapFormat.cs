using System.Buffers;
using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// Classic libpcap files: a 24-byte file header, then records of a 16-byte header and the captured bytes.
/// Timestamps and lengths are read as libpcap and Wireshark read them (unsigned seconds; the fraction is
/// not normalised, so an out-of-range fraction carries into the seconds exactly as theirs do).
/// </summary>
internal struct PcapFormat : IRecordFormat
{
    private readonly CaptureReadContext _context;
    private bool _headerRead;
    private bool _bigEndian;
    private uint _fractionToNs;
    private int _linkType;
    private bool _finished;

    public PcapFormat(CaptureReadContext context)
    {
        _context = context;
        context.Summary.Format = CaptureFormat.Pcap;
    }

    public readonly int HeaderLength => _headerRead ? PcapLayout.RecordHeaderLength : PcapLayout.FileHeaderLength;
    public readonly bool Resynchronising => false;
    public readonly bool Finished => _finished;

    public readonly long Measure(ReadOnlySpan<byte> header)
    {
        if (!_headerRead)
        {
            return PcapLayout.FileHeaderLength;
        }

        uint captured = Read32(header[PcapLayout.CapturedLengthOffset..]);
        return captured > CaptureReadContext.MaxRecordLength ? -1 : PcapLayout.RecordHeaderLength + captured;
    }

    public bool Deliver<TSink>(ReadOnlySpan<byte> record, long fileOffset, ref TSink sink)
        where TSink : IPacketSink
    {
        if (!_headerRead)
        {
            ReadFileHeader(record, ref sink);
            return true;
        }

        var packet = Packet(record, fileOffset);
        sink.OnPacket(in packet);
        return true;
    }

    // Not generic, so that it is precompiled (ReadyToRun) once for every sink. The generic methods are compiled for a
    // sink of another assembly by the JIT, unoptimised at first (tier 0), and a run shorter than the runtime's wait
    // before optimising stays there (a 65 000-packet capture ran Deliver unoptimised for every packet).
    private readonly CapturedPacket Packet(ReadOnlySpan<byte> record, long fileOffset)
    {
        uint original = Read32(record[PcapLayout.OriginalLengthOffset..]);
        var data = record[PcapLayout.RecordHeaderLength..];
        long timestamp = Timestamp(record);
        return new CapturedPacket
        {
            CaptureIndex = _context.CaptureIndex,
            FrameNumber = _context.CountPacket(timestamp, data.Length, hasTimestamp: true),
            TimestampNs = timestamp,
            LinkType = _linkType,
            OriginalLength = (int)Math.Min(original, int.MaxValue),
            FileOffset = fileOffset,
            Data = data,
        };
    }

    public void OnOversize<TSink>(ReadOnlySpan<byte> header, long fileOffset, long length, ref TSink sink)
        where TSink : IPacketSink
    {
        long timestamp = Timestamp(header);
        var packet = new CapturedPacket
        {
            CaptureIndex = _context.CaptureIndex,
            FrameNumber = _context.CountPacket(timestamp, 0, hasTimestamp: true),
            TimestampNs = timestamp,
            LinkType = _linkType,
            OriginalLength = (int)Math.Min(Read32(header[PcapLayout.OriginalLengthOffset..]), int.MaxValue),
            FileOffset = fileOffset,
        };
        _context.WarnOversize($"record {packet.FrameNumber}", fileOffset, length);
        sink.OnOversizeRecord(in packet);
    }

    public void OnBadLength(long fileOffset, long length, bool pastEnd)
    {
        if (!pastEnd)
        {
            CaptureErrors.Throw($"impossible captured length (more than {CaptureReadContext.MaxRecordLength} bytes) in record header",
                fileOffset, _context.Packets + 1, "record");
        }

        Truncate(fileOffset, $"record runs past the end of the input ({length - PcapLayout.RecordHeaderLength} captured bytes)");
    }

    // Wireshark keeps the ns in a 32-bit int: an invalid fraction (≥ 1 s) wraps exactly as it does there.
    private readonly long Timestamp(ReadOnlySpan<byte> recordHeader) =>
        Read32(recordHeader) * 1_000_000_000L + unchecked((int)(Read32(recordHeader[PcapLayout.FractionOffset..]) * _fractionToNs));

    public void OnCutHeader(long fileOffset, long bytesLeft)
    {
        if (!_headerRead)
        {
            CaptureErrors.Throw($"pcap file header cut short ({bytesLeft} of {PcapLayout.FileHeaderLength} bytes)", fileOffset, 0, "file header");
        }

        Truncate(fileOffset, $"record header cut short ({bytesLeft} of {PcapLayout.RecordHeaderLength} bytes)");
    }

    public readonly long Resynchronise(in ReadOnlySequence<byte> rest, long fileOffset, bool completed) => 0;

    private void Truncate(long fileOffset, string what)
    {
        _finished = true;
        _context.Summary.Truncated = true;
        _context.Warn($"truncated: {what} at offset {fileOffset} (record {_context.Packets + 1}); the {_context.Packets} packets before it were read");
    }

    private void ReadFileHeader<TSink>(ReadOnlySpan<byte> header, ref TSink sink)
        where TSink : IPacketSink
    {
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        uint swapped = BinaryPrimitives.ReverseEndianness(magic);
        bool nanosecond = magic == PcapLayout.NanosecondMagic || swapped == PcapLayout.NanosecondMagic;
        _bigEndian = swapped is PcapLayout.MicrosecondMagic or PcapLayout.NanosecondMagic;
        if (!_bigEndian && magic is not (PcapLayout.MicrosecondMagic or PcapLayout.NanosecondMagic))
        {
            CaptureErrors.Throw($"not a pcap file (magic {CaptureErrors.Hex(header[..4])})", 0, 0, "file header");
        }

        ushort major = Read16(header[PcapLayout.VersionMajorOffset..]);
        if (major != PcapLayout.SupportedMajorVersion)
        {
            CaptureErrors.Throw(
                $"unsupported pcap version {major}.{Read16(header[PcapLayout.VersionMinorOffset..])}", 0, 0, "file header");
        }

        _headerRead = true;
        _fractionToNs = nanosecond ? 1u : 1000u;
        uint linkField = Read32(header[PcapLayout.LinkTypeOffset..]);
        _linkType = (int)(linkField & PcapLayout.LinkTypeMask);
        var summary = _context.Summary;
        summary.BigEndian = _bigEndian;
        summary.Nanosecond = nanosecond;
        summary.Sections = 1;
        var captureInterface = new CaptureInterface
        {
            Id = 0,
            LinkType = _linkType,
            SnapLength = (int)Math.Min(Read32(header[PcapLayout.SnapLengthOffset..]), int.MaxValue),
            // The FCS length is counted in 16-bit words.
            FcsLength = (linkField & PcapLayout.FcsPresentBit) != 0 ? (int)(linkField >> PcapLayout.FcsLengthShift) * 2 : -1,
            TicksPerSecond = nanosecond ? 1_000_000_000UL : 1_000_000UL,
            OnlyInterface = true,
        };
        summary.Interfaces.Add(captureInterface);
        sink.OnInterface(captureInterface);
    }

    private readonly uint Read32(ReadOnlySpan<byte> bytes) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private readonly ushort Read16(ReadOnlySpan<byte> bytes) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
}
