namespace PcapSipAnalyzer.Analyzer.Packets;

/// <summary>A frame of an input file: what reports cite as evidence ({"capture": i, "frame": n}).</summary>
public readonly record struct FrameRef(int Capture, long Frame) : IComparable<FrameRef>
{
    public int CompareTo(FrameRef other) =>
        Capture != other.Capture ? Capture.CompareTo(other.Capture) : Frame.CompareTo(other.Frame);

    public override string ToString() => $"{Capture}:{Frame}";
}
