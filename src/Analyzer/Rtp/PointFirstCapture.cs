using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Names each capture point by the first input file its packets came from. Stream and RTCP keys carry that file
/// instead of the packet's own, so the files of one point (a ring-buffer set, several files given one
/// <c>--point</c> name) continue the same RTP streams across file boundaries, as the SIP state of the point
/// already does; the reports still find the point from (file, interface), the first file being one of its files.
/// </summary>
internal sealed class PointFirstCapture
{
    // Indexed by point; the first file + 1, 0 while the point has not been seen. Grown by doubling, never per packet.
    private int[] _first = new int[16];

    public int Of(in PacketMeta meta)
    {
        int point = meta.Point;
        if (point < 0)
            return meta.Capture;
        if (point >= _first.Length)
            Array.Resize(ref _first, Math.Max(point + 1, _first.Length * 2));
        ref int first = ref _first[point];
        if (first == 0)
            first = meta.Capture + 1;
        return first - 1;
    }
}
