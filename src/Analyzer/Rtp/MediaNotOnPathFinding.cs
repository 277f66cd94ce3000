using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// One finding for every call whose media path passes none of the capture points: direct media between
/// phones is the normal case behind most PBXs, so this is information, never a fault, and one line however
/// many calls there are.
/// </summary>
public static class MediaNotOnPathFinding
{
    private const int SampleCalls = 10;

    public static Finding Build(IReadOnlyList<MediaSession> calls)
    {
        var sample = calls.Take(SampleCalls).ToList();
        var endpoints = string.Join("; ", sample.Select(s => $"{s.Offer?.Endpoint} ↔ {s.Answer?.Endpoint}"));
        string more = calls.Count > SampleCalls ? $" and {calls.Count - SampleCalls} more" : "";
        var f = new Finding
        {
            Kind = FindingKind.MediaNotOnPath,
            Severity = Severity.Info,
            Summary = calls.Count == 1
                ? $"The media of call {calls[0].CallId} does not pass any capture point: no audio verdict for it."
                : $"The media of {calls.Count} calls does not pass any capture point: no audio verdict for them.",
            Explanation = $"Their SDP names media endpoints ({endpoints}{more}) whose RTP goes between them directly, around "
                          + "these captures (direct media, the phones' own subnet): no RTP here is expected, not a fault.",
            CallId = calls.Count == 1 ? calls[0].CallId : null,
            Transport = Transport.Udp,
            Count = calls.Count,
            ClientSymptom = "None known from these captures.",
        };
        foreach (var s in sample)
        {
            if (s.Offer is { } o) f.Frames.Add(o.SdpFrame);
            if (s.Answer is { } a) f.Frames.Add(a.SdpFrame);
        }
        var frames = f.Frames.Distinct().Order().ToList();
        f.Frames.Clear();
        f.Frames.AddRange(frames);
        f.FirstNs = calls.Min(s => s.StartNs);
        f.LastNs = calls.Max(s => s.EndNs ?? s.StartNs);
        return f;
    }
}
