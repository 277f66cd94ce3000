using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// A call's negotiated media, as the SIP engine hands it over: every RTP m= line with both sides' endpoints,
/// the call's main endpoints (first audio m= line each, else the first RTP one) and when the call ran. The
/// input of <see cref="RtpCallLinker"/>.
/// </summary>
public sealed class MediaSession
{
    public required string CallId { get; init; }
    /// <summary>The caller's signalling address ("ip:port"): the client of the call's findings.</summary>
    public string? Caller { get; init; }
    /// <summary>The callee's signalling address ("ip:port"): the server of the call's findings.</summary>
    public string? Callee { get; init; }
    /// <summary>Where the offerer (usually the caller) wants to receive media.</summary>
    public MediaOffer? Offer { get; init; }
    /// <summary>Where the answerer wants to receive media; null when the call was never answered with SDP.</summary>
    public MediaOffer? Answer { get; init; }
    /// <summary>Every RTP m= line (at most the SDP parser's cap); unset: one audio line of <see cref="Offer"/> and <see cref="Answer"/>.</summary>
    public IReadOnlyList<SessionMedium> Media
    {
        get => _media ??= [new SessionMedium(0, MediaKind.Audio, Offer, Answer)];
        init => _media = value;
    }
    private IReadOnlyList<SessionMedium>? _media;

    /// <summary>
    /// The call was answered (a 2xx to its INVITE). Only an answered call owes media: early media before an
    /// answer is optional (RFC 3960), and a call that failed (a 4xx–6xx after a 183 with SDP) owes none.
    /// </summary>
    public bool Answered { get; init; } = true;

    /// <summary>Every endpoint the offerer's SDP bodies named in the dialog (a re-INVITE may move the media).</summary>
    public IReadOnlyList<RtpEndpoint> OfferSources { get; init; } = [];

    /// <summary>Every endpoint the answerer's SDP bodies named in the dialog.</summary>
    public IReadOnlyList<RtpEndpoint> AnswerSources { get; init; } = [];

    public long StartNs { get; init; }
    /// <summary>BYE or end of capture; null = open.</summary>
    public long? EndNs { get; init; }
}
