using PcapSipAnalyzer.Synthesizer.Output;
using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer.Simulation;

/// <summary>
/// The shared state of one synthesis run: the clock, the event queue, the random source, the output and the
/// ground truth being collected. Every event writes its frames at its own time, so the file stays in order.
/// </summary>
public sealed class TrafficSimulation
{
    private readonly PriorityQueue<SimEvent, long> _queue = new(4096);

    public TrafficSimulation(SeededRandom random, CaptureFileWriter writer, GroundTruth truth)
    {
        Random = random;
        Writer = writer;
        Truth = truth;
    }

    public SeededRandom Random { get; }
    public CaptureFileWriter Writer { get; }
    public GroundTruth Truth { get; }

    /// <summary>Current capture time in nanoseconds since the Unix epoch.</summary>
    public long Now { get; private set; }

    /// <summary>Set once the size/packet/time target is reached: nothing new starts, in-flight exchanges finish.</summary>
    public bool Draining { get; set; }

    /// <summary>Scratch buffers for SIP headers and bodies.</summary>
    public AsciiText Text { get; } = new();
    public AsciiText Body { get; } = new();

    public void Schedule(long at, EventKind kind, int id, int arg = 0) => _queue.Enqueue(new SimEvent(kind, id, arg), at);

    public bool TryNext(out SimEvent next)
    {
        if (!_queue.TryDequeue(out next, out long at)) return false;
        Now = at;
        return true;
    }

    /// <summary>Space for a UDP payload of up to <paramref name="maxLength"/> bytes in the next frame.</summary>
    public Span<byte> UdpPayloadSpace(int maxLength) =>
        Writer.FrameSpace(FrameBuilder.UdpPayloadOffset + maxLength)[FrameBuilder.UdpPayloadOffset..];

    /// <summary>Wraps the payload written in <see cref="UdpPayloadSpace"/> and writes the frame now.</summary>
    public int CommitUdp(Host source, ushort sourcePort, Host destination, ushort destinationPort, int length,
        bool voip, ulong destinationMac = 0)
    {
        var frame = Writer.FrameSpace(FrameBuilder.UdpPayloadOffset + length);
        int frameLength = FrameBuilder.FinishUdp(frame, source, sourcePort, destination, destinationPort, length, destinationMac);
        Writer.Commit(Now, frameLength);
        if (voip) Truth.Traffic.VoipBytes += frameLength;
        else Truth.Traffic.UnrelatedBytes += frameLength;
        return frameLength;
    }

    /// <summary>Sends the SIP message in <see cref="Text"/> over UDP and counts it as tshark would.</summary>
    public void SendSip(Host source, ushort sourcePort, Host destination, ushort destinationPort, string? method,
        int status, bool resent, ulong destinationMac = 0)
    {
        var message = Text.Span;
        message.CopyTo(UdpPayloadSpace(message.Length));
        CommitUdp(source, sourcePort, destination, destinationPort, message.Length, true, destinationMac);
        Truth.Traffic.Sip++;
        if (method != null) Truth.Sip.CountRequest(method, resent);
        else Truth.Sip.CountResponse(status, resent);
    }
}
