using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// One direction of a TCP byte stream split into SIP messages on its own, outside a connection table (the
/// reassembler keeps the same <see cref="SipStreamFraming"/> state inline in each stream's slot).
/// </summary>
public sealed class SipStreamFramer
{
    private readonly TcpStreamContext _context;
    private SipStreamFraming _framing;

    public SipStreamFramer(TcpReassemblyLimits limits, TcpReassemblyCounters counters, TcpBufferBudget? budget = null) =>
        _context = new TcpStreamContext(limits, counters, budget ?? new TcpBufferBudget());

    /// <summary>True once the stream was given up on as not SIP (its bytes are ignored from then on).</summary>
    public bool IsNotSip => _framing.IsNotSip;

    /// <summary>Bytes of an unfinished message held until more of the stream arrives.</summary>
    public int BufferedBytes => _framing.BufferedBytes;

    /// <summary>Takes the next in-order bytes of the stream; complete messages go to <paramref name="sink"/>.</summary>
    public void Append(ReadOnlySpan<byte> data, in PacketMeta meta, ISipMessageSink sink) => _framing.Append(_context, data, meta, sink);

    /// <summary>Bytes of the stream were lost (a gap given up on): what is buffered cannot be completed.</summary>
    public void OnGap() => _framing.OnGap(_context);

    /// <summary>The connection ended: an unfinished message is counted, the buffer goes back to the pool.</summary>
    public void Close() => _framing.Close(_context);
}
