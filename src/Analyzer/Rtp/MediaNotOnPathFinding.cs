using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// One finding for every call whose media path passes none of the capture points: direct media between
/// phones is the normal case behind most PBXs, so this is information, never a fault, and one line however
/// many calls there are.
/// </summary>
public static class MediaNotOnPathFinding
{
    public static Finding Build(IReadOnlyList<MediaSession> calls) =>
        UnjudgedCalls.Note(FindingKind.MediaNotOnPath,
            calls.Count == 1
                ? $"The media of call {calls[0].CallId} does not pass any capture point: no audio verdict for it."
                : $"The media of {calls.Count} calls does not pass any capture point: no audio verdict for them.",
            $"Their SDP names media endpoints ({UnjudgedCalls.Endpoints(calls)}) whose RTP goes between them directly, around "
            + "these captures (direct media, the phones' own subnet): no RTP here is expected, not a fault.",
            calls);
}
