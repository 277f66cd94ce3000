using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Handoff;

/// <summary>Writes each packet read into the pcapng writer, with its pcapsip comment when a finding cites it.</summary>
internal sealed class AnnotatingSink : IPacketSink
{
    private readonly PcapngWriter _writer;
    private readonly FrameAnnotations _annotations;
    private readonly bool _flaggedOnly;
    private readonly Dictionary<int, int> _interfaces = new();

    public AnnotatingSink(PcapngWriter writer, FrameAnnotations annotations, bool flaggedOnly)
    {
        _writer = writer;
        _annotations = annotations;
        _flaggedOnly = flaggedOnly;
    }

    public void OnInterface(CaptureInterface captureInterface) =>
        _interfaces[captureInterface.Id] = _writer.AddInterface(captureInterface);

    public void OnPacket(in CapturedPacket packet)
    {
        if (_flaggedOnly && !_annotations.FlaggedFrames.Contains(packet.FrameNumber)) return;
        if (!_interfaces.TryGetValue(packet.InterfaceId, out int id))
            _interfaces[packet.InterfaceId] = id = _writer.AddInterface(new CaptureInterface { Id = packet.InterfaceId, LinkType = packet.LinkType });
        if (_annotations.Comments.TryGetValue(packet.FrameNumber, out var comment))
            _writer.WritePacket(packet, id, comment);
        else
            _writer.WritePacket(packet, id);
    }
}
