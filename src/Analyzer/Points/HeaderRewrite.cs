using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>A SIP field (or the packet's address) that differs between two consecutive points on a message's way.</summary>
internal sealed class HeaderRewrite
{
    /// <summary>"Via", "Contact", "SDP c=", "SDP o=", "SDP m=", or "source"/"destination" for NAT.</summary>
    public required string Field { get; init; }
    public required string Before { get; init; }
    public required string After { get; init; }
    public required string FromPoint { get; init; }
    public required string ToPoint { get; init; }
    public int Count { get; set; } = 1;
    public List<FrameRef> Frames { get; } = new();

    public bool IsNat => Field is "source" or "destination";

    public Dictionary<string, object?> Details() => new()
    {
        ["field"] = Field,
        ["before"] = Before,
        ["after"] = After,
        ["from_point"] = FromPoint,
        ["to_point"] = ToPoint,
        ["count"] = Count,
        ["frames"] = Frames.Take(2).Select(f => new Dictionary<string, long> { ["capture"] = f.Capture, ["frame"] = f.Frame }).ToList(),
    };
}
