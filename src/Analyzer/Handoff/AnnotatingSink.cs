using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Handoff;

/// <summary>
/// Writes each packet read into the pcapng writer, with its pcapsip comment when a finding cites it. A flagged-only
/// copy renumbers the frames, so there every kept frame's comment names its number in the original capture
/// (<c>pcapsip [frame 9]: kind: summary</c>, or <c>pcapsip [frame 10]</c> alone), which the report's filters select.
/// Frames a packet selection left out of the analysis are left out of the copy too.
/// </summary>
internal sealed class AnnotatingSink : IPacketSink
{
    private readonly PcapngWriter _writer;
    private readonly FrameAnnotations _annotations;
    private readonly bool _flaggedOnly;
    private readonly Selection.FrameBitSet? _selected;
    private readonly Dictionary<int, int> _interfaces = new();

    public AnnotatingSink(PcapngWriter writer, FrameAnnotations annotations, bool flaggedOnly, Selection.FrameBitSet? selected = null)
    {
        _writer = writer;
        _annotations = annotations;
        _flaggedOnly = flaggedOnly;
        _selected = selected;
    }

    public void OnInterface(CaptureInterface captureInterface) =>
        _interfaces[captureInterface.Id] = _writer.AddInterface(captureInterface);

    public void OnPacket(in CapturedPacket packet)
    {
        if (_selected is not null && !_selected.Contains(packet.FrameNumber)) return;
        if (_flaggedOnly && !_annotations.FlaggedFrames.Contains(packet.FrameNumber)) return;
        if (!_interfaces.TryGetValue(packet.InterfaceId, out int id))
            _interfaces[packet.InterfaceId] = id = _writer.AddInterface(new CaptureInterface { Id = packet.InterfaceId, LinkType = packet.LinkType });
        if (_flaggedOnly)
            _writer.WritePacket(packet, id, FrameAnnotations.NumberedComment(packet.FrameNumber, _annotations.Comments.GetValueOrDefault(packet.FrameNumber)));
        else if (_annotations.Comments.TryGetValue(packet.FrameNumber, out var comment))
            _writer.WritePacket(packet, id, comment);
        else
            _writer.WritePacket(packet, id);
    }
}
