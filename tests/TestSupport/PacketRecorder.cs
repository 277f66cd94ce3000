using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>An <see cref="IPacketSink"/> that keeps a copy of everything it is given.</summary>
public sealed class PacketRecorder : IPacketSink
{
    public List<RecordedPacket> Packets { get; } = new();
    public List<CaptureInterface> Interfaces { get; } = new();

    /// <summary>Set when a packet arrived for an interface not announced before it.</summary>
    public bool PacketBeforeInterface { get; private set; }

    public void OnPacket(in CapturedPacket packet)
    {
        int id = packet.InterfaceId;
        if (!Interfaces.Exists(i => i.Id == id))
        {
            PacketBeforeInterface = true;
        }

        Packets.Add(RecordedPacket.From(packet));
    }

    public void OnInterface(CaptureInterface captureInterface) => Interfaces.Add(captureInterface);

    /// <summary>Records the reader skipped as too long: frame number, file offset and length.</summary>
    public List<(long Frame, long Offset, int Length)> Oversize { get; } = new();

    public void OnOversizeRecord(in CapturedPacket packet) => Oversize.Add((packet.FrameNumber, packet.FileOffset, packet.OriginalLength));

    /// <summary>Reads a whole capture from a stream; the exception, if any, is returned rather than thrown.</summary>
    public static (PacketRecorder Recorder, CaptureSummary Summary, CaptureFormatException? Error) Read(Stream stream, string name = "<test>")
    {
        var recorder = new PacketRecorder();
        var reader = new CaptureReader(stream, 0, name);
        try
        {
            var summary = reader.ReadAsync(recorder).AsTask().GetAwaiter().GetResult();
            return (recorder, summary, null);
        }
        catch (CaptureFormatException e)
        {
            return (recorder, reader.Summary, e);
        }
    }
}
