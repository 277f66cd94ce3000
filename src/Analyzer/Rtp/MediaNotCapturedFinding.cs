using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// One finding per capture point that holds SIP and not one other UDP datagram, for the calls whose media it
/// would have had to show: such a capture was filtered to signaling (<c>port 5060</c>), so missing RTP there is
/// no evidence of blocked audio. Information, never a fault, one line however many calls there are.
/// </summary>
public static class MediaNotCapturedFinding
{
    public static Finding Build(string pointName, long packets, IReadOnlyList<MediaSession> calls)
    {
        string endpoints = UnjudgedCalls.Endpoints(calls);
        string what = calls.Count == 1 ? $"call {calls[0].CallId}" : $"{calls.Count} calls";
        return UnjudgedCalls.WithEvidence(new Finding
        {
            Kind = FindingKind.MediaNotCaptured,
            Severity = Severity.Info,
            Summary = $"Capture point {pointName} holds SIP only: the media of {what} was not captured there, so no audio verdict.",
            Explanation = string.Create(CultureInfo.InvariantCulture, $"Of its {packets:N0} packets not one UDP datagram is anything but SIP, ")
                + "as when a capture is taken with a port filter (`port 5060`). "
                + $"The SDP named media endpoints ({endpoints}); such a filter would not have kept their RTP, "
                + "so its absence here says nothing about the audio.",
            CallId = calls.Count == 1 ? calls[0].CallId : null,
            Transport = Transport.Udp,
            Count = calls.Count,
            ClientSymptom = "None known from these captures.",
        }, calls);
    }
}
