using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Calls whose media a capture point would have had to show but did not capture at all, so missing RTP there
/// is no evidence of blocked audio. Information, never a fault, one line however many calls there are.
/// </summary>
public static class MediaNotCapturedFinding
{
    /// <summary>A point that holds SIP and not one other UDP datagram: it was filtered to signaling (`port 5060`).</summary>
    public static Finding Build(string pointName, long packets, IReadOnlyList<MediaSession> calls) =>
        UnjudgedCalls.Note(FindingKind.MediaNotCaptured,
            $"Capture point {pointName} holds SIP only: the media of {UnjudgedCalls.What(calls)} was not captured there, so no audio verdict.",
            string.Create(CultureInfo.InvariantCulture, $"Of its {packets:N0} packets not one UDP datagram is anything but SIP, ")
            + "as when a capture is taken with a port filter (`port 5060`). "
            + $"The SDP named media endpoints ({UnjudgedCalls.Endpoints(calls)}); such a filter would not have kept their RTP, "
            + "so its absence here says nothing about the audio.",
            calls);

    /// <summary>
    /// The calls whose media endpoints had not one datagram but SIP at a point that did carry other hosts' datagrams:
    /// a mirror of the signaling leg only, a filter on the hosts' SIP, or media routed over another link.
    /// </summary>
    public static Finding BuildForEndpoints(string pointName, IReadOnlyList<MediaSession> calls) =>
        UnjudgedCalls.Note(FindingKind.MediaNotCaptured,
            $"Capture point {pointName} carried the signaling of {UnjudgedCalls.What(calls)} but no other datagram of its media endpoints, so no audio verdict.",
            $"The SDP named media endpoints ({UnjudgedCalls.Endpoints(calls)}), and not one UDP datagram but SIP to or from them was "
            + "captured here, in either direction, although other hosts' datagrams were. A sender's RTP passes a point on its path "
            + "before anything further on could drop it, so this point did not capture these hosts' media at all: the capture was "
            + "filtered to their signaling, or their media took another link.",
            calls);
}
