using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>
/// Walks the chunks of an SDES packet: each an SSRC, items (type, length, text) ended by a zero type, padded to
/// 32 bits. Stops quietly at the first item that would run past the end.
/// </summary>
public ref struct RtcpSdesReader
{
    private readonly ReadOnlySpan<byte> _body;
    private int _chunksLeft;
    private int _pos;
    private uint _ssrc;
    private bool _inChunk;

    public RtcpSdesReader(ReadOnlySpan<byte> body, int chunkCount)
    {
        _body = body;
        _chunksLeft = chunkCount;
        _pos = 0;
        _ssrc = 0;
        _inChunk = false;
    }

    public bool TryRead(out RtcpSdesItem item)
    {
        item = default;
        while (true)
        {
            if (!_inChunk)
            {
                if (_chunksLeft == 0 || _pos + 4 > _body.Length)
                    return false;
                _ssrc = BinaryPrimitives.ReadUInt32BigEndian(_body[_pos..]);
                _pos += 4;
                _chunksLeft--;
                _inChunk = true;
            }
            if (_pos >= _body.Length)
                return false;
            byte type = _body[_pos];
            if (type == 0)
            {
                // End of chunk: skip the null and pad to the next 32-bit boundary.
                _pos = (_pos + 4) & ~3;
                _inChunk = false;
                continue;
            }
            if (_pos + 2 > _body.Length)
                return false;
            int len = _body[_pos + 1];
            if (_pos + 2 + len > _body.Length)
                return false;
            item = new RtcpSdesItem { Ssrc = _ssrc, Type = type, Value = _body.Slice(_pos + 2, len) };
            _pos += 2 + len;
            return true;
        }
    }
}
