using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// What the information findings about calls without an audio verdict share: a bounded sample of the calls'
/// SDP endpoints in the text, the sample's offer and answer frames as evidence, and the calls' time span.
/// </summary>
internal static class UnjudgedCalls
{
    private const int SampleCalls = 10;

    /// <summary>"a ↔ b; c ↔ d and 5 more": at most <see cref="SampleCalls"/> calls, however many there are.</summary>
    public static string Endpoints(IReadOnlyList<MediaSession> calls)
    {
        var endpoints = string.Join("; ", calls.Take(SampleCalls).Select(s => $"{s.Offer?.Endpoint} ↔ {s.Answer?.Endpoint}"));
        return calls.Count > SampleCalls ? $"{endpoints} and {calls.Count - SampleCalls} more" : endpoints;
    }

    /// <summary>The information finding for calls without an audio verdict: one, however many calls.</summary>
    public static Finding Note(FindingKind kind, string summary, string explanation, IReadOnlyList<MediaSession> calls) =>
        WithEvidence(new Finding
        {
            Kind = kind,
            Severity = Severity.Info,
            Summary = summary,
            Explanation = explanation,
            CallId = calls.Count == 1 ? calls[0].CallId : null,
            Transport = Packets.Transport.Udp,
            Count = calls.Count,
            ClientSymptom = "None known from these captures.",
        }, calls);

    /// <summary>"call X" for one call, "N calls" for more.</summary>
    public static string What(IReadOnlyList<MediaSession> calls) => calls.Count == 1 ? $"call {calls[0].CallId}" : $"{calls.Count} calls";

    private static Finding WithEvidence(Finding f, IReadOnlyList<MediaSession> calls)
    {
        foreach (var s in calls.Take(SampleCalls))
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
