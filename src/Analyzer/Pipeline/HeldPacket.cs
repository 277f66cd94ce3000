using System.Buffers;
using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// A copy of one packet that a capture point holds back until its next packet says whether the packet's
/// timestamp was a real step forward or one stray stamp (see <see cref="CaptureClock.OutlierNs"/>). One per
/// point, its buffer rented once and reused: a hold happens only at a step of more than a second, not per packet.
/// </summary>
internal sealed class HeldPacket : IDisposable
{
    private byte[] _bytes = [];
    private int _dataLength, _optionsLength;
    private int _captureIndex, _interfaceId, _linkType, _originalLength;
    private long _frameNumber, _timestampNs, _fileOffset;
    private bool _optionsBigEndian;

    public bool Holding { get; private set; }
    public long TimestampNs => _timestampNs;
    public int CaptureIndex => _captureIndex;
    public long FrameNumber => _frameNumber;

    public void Hold(in CapturedPacket packet)
    {
        int need = packet.Data.Length + packet.Options.Length;
        if (_bytes.Length < need)
        {
            if (_bytes.Length > 0) ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = ArrayPool<byte>.Shared.Rent(need);
        }
        packet.Data.CopyTo(_bytes);
        packet.Options.CopyTo(_bytes.AsSpan(packet.Data.Length));
        (_dataLength, _optionsLength) = (packet.Data.Length, packet.Options.Length);
        (_captureIndex, _interfaceId, _linkType, _originalLength) = (packet.CaptureIndex, packet.InterfaceId, packet.LinkType, packet.OriginalLength);
        (_frameNumber, _timestampNs, _fileOffset, _optionsBigEndian) = (packet.FrameNumber, packet.TimestampNs, packet.FileOffset, packet.OptionsBigEndian);
        Holding = true;
    }

    /// <summary>The held packet, valid until the next <see cref="Hold"/>; the point holds nothing after this.</summary>
    public CapturedPacket Release()
    {
        Holding = false;
        return new CapturedPacket
        {
            CaptureIndex = _captureIndex, FrameNumber = _frameNumber, TimestampNs = _timestampNs, InterfaceId = _interfaceId,
            LinkType = _linkType, OriginalLength = _originalLength, FileOffset = _fileOffset, OptionsBigEndian = _optionsBigEndian,
            Data = _bytes.AsSpan(0, _dataLength), Options = _bytes.AsSpan(_dataLength, _optionsLength),
        };
    }

    public void Dispose()
    {
        if (_bytes.Length > 0) ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }
}
