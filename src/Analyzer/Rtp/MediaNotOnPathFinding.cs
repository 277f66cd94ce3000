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
    public static Finding Build(IReadOnlyList<MediaSession> calls)
    {
        string endpoints = UnjudgedCalls.Endpoints(calls);
        return UnjudgedCalls.WithEvidence(new Finding
        {
            Kind = FindingKind.MediaNotOnPath,
            Severity = Severity.Info,
            Summary = calls.Count == 1
                ? $"The media of call {calls[0].CallId} does not pass any capture point: no audio verdict for it."
                : $"The media of {calls.Count} calls does not pass any capture point: no audio verdict for them.",
            Explanation = $"Their SDP names media endpoints ({endpoints}) whose RTP goes between them directly, around "
                          + "these captures (direct media, the phones' own subnet): no RTP here is expected, not a fault.",
            CallId = calls.Count == 1 ? calls[0].CallId : null,
            Transport = Transport.Udp,
            Count = calls.Count,
            ClientSymptom = "None known from these captures.",
        }, calls);
    }
}
