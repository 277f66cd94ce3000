using PcapSipAnalyzer.Analyzer.Flows;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Packets handed from the reader's thread to the engines' thread in one go: a few thousand per hand-over, so
/// the cost of the hand-over (a semaphore, a cache line changing cores) is spread thin. Reused, never freed.
/// </summary>
internal sealed class TransportBatch
{
    public const int Capacity = 2048;
    private const int InitialBytes = 1 << 20;

    public TransportPacket[] Packets { get; } = WrittenArray.New<TransportPacket>(Capacity);
    public byte[] Bytes { get; private set; } = new byte[InitialBytes];
    public int Count { get; private set; }
    public int BytesUsed { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>Whether <paramref name="length"/> more bytes fit (an empty batch grows to fit any one packet).</summary>
    public bool Fits(int length)
    {
        if (BytesUsed + length <= Bytes.Length) return true;
        if (Count > 0) return false;
        // A jumbo or reassembled-by-the-capture packet bigger than the buffer: grow once, keep the size.
        Bytes = new byte[Math.Max(length, Bytes.Length * 2)];
        return true;
    }

    public void Add(in CapturedPacket packet, in DecodedFrame frame, CapturePoint point, in SipCheck sip, long arrivalNs, FlowRef flow)
    {
        ref var slot = ref Packets[Count++];
        slot.Set(packet, frame, point, sip, arrivalNs, flow);
        slot.Offset = BytesUsed;
        packet.Data.CopyTo(Bytes.AsSpan(BytesUsed));
        BytesUsed += packet.Data.Length;
    }

    public ReadOnlySpan<byte> DataOf(in TransportPacket packet) => Bytes.AsSpan(packet.Offset, packet.Length);

    // The old entries stay in the array until overwritten: the batches live and die with one analysis.
    public void Clear()
    {
        Count = 0;
        BytesUsed = 0;
    }
}
