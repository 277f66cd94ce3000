using System.Text;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer;

/// <summary>
/// The byte stream of one flood TCP connection: a prefix, then a unit repeated (forever, or for a given
/// length), then a suffix. Filling a segment copies from these without building the whole stream.
/// </summary>
public sealed class TcpFloodStream
{
    private readonly byte[] _prefix;
    private readonly byte[] _repeated;
    private readonly int _unitLength;
    private readonly long _middleLength;
    private readonly byte[] _suffix;
    private long _position;

    public TcpFloodStream(Host client, ushort clientPort, uint clientSequence, uint serverSequence, string prefix,
        string unit, long middleLength = long.MaxValue, string suffix = "")
    {
        Client = client;
        ClientPort = clientPort;
        ClientSequence = clientSequence;
        ServerSequence = serverSequence;
        _prefix = Encoding.ASCII.GetBytes(prefix);
        _unitLength = unit.Length;
        // Enough repetitions that any 64 KiB window starting inside the first unit is contiguous.
        _repeated = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(unit, 65536 / unit.Length + 2)));
        _middleLength = middleLength;
        _suffix = Encoding.ASCII.GetBytes(suffix);
    }

    public Host Client { get; }
    public ushort ClientPort { get; }
    public uint ClientSequence { get; set; }
    public uint ServerSequence { get; set; }
    public int Unacknowledged { get; set; }

    /// <summary>Bytes not yet sent (huge for an endless stream).</summary>
    public long Remaining => _middleLength == long.MaxValue ? long.MaxValue : _prefix.Length + _middleLength + _suffix.Length - _position;

    public void Fill(Span<byte> target)
    {
        int done = 0;
        while (done < target.Length)
        {
            long p = _position;
            int n;
            if (p < _prefix.Length)
            {
                n = Math.Min(target.Length - done, (int)(_prefix.Length - p));
                _prefix.AsSpan((int)p, n).CopyTo(target[done..]);
            }
            else if (p - _prefix.Length < _middleLength)
            {
                long inMiddle = p - _prefix.Length;
                n = (int)Math.Min(target.Length - done, Math.Min(_middleLength - inMiddle, 65536));
                _repeated.AsSpan((int)(inMiddle % _unitLength), n).CopyTo(target[done..]);
            }
            else
            {
                int inSuffix = (int)(p - _prefix.Length - _middleLength);
                n = Math.Min(target.Length - done, _suffix.Length - inSuffix);
                _suffix.AsSpan(inSuffix, n).CopyTo(target[done..]);
            }
            done += n;
            _position += n;
        }
    }
}
