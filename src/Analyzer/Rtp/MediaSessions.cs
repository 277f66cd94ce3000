using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>Turns the SIP engine's dialogs into the calls the media linker checks (offer = caller, answer = callee).</summary>
public static class MediaSessions
{
    public static IEnumerable<MediaSession> From(IEnumerable<Dialog> dialogs)
    {
        foreach (var d in dialogs)
        {
            var media = Media(d.CallerMedia, d.CalleeMedia);
            if (media.Count == 0) continue;
            yield return new MediaSession
            {
                CallId = d.CallId,
                Caller = d.Caller.Length > 0 ? d.Caller : null,
                Callee = d.Callee.Length > 0 ? d.Callee : null,
                Offer = Main(media, audio => audio.Offer),
                Answer = Main(media, audio => audio.Answer),
                Media = media,
                Answered = d.AnswerNs is not null,
                OfferSources = Announced(d, "caller"),
                AnswerSources = Announced(d, "callee"),
                StartNs = d.AnswerNs ?? d.InviteNs,
                EndNs = d.ByeNs ?? d.EndNs,
            };
        }
    }

    // Every RTP m= line, paired by position (RFC 3264 §6): a video call's video is owed as much as its audio, and
    // a stream to the video port is the call's media. The SDP parser keeps at most its cap of m= lines per body,
    // so this list is bounded too. Lines that are not RTP (T.38's udptl, BFCP, MSRP) owe no RTP.
    private static List<SessionMedium> Media(SdpExchange? offer, SdpExchange? answer)
    {
        var media = new List<SessionMedium>();
        int count = Math.Max(offer?.Sdp.Media.Length ?? 0, answer?.Sdp.Media.Length ?? 0);
        for (int i = 0; i < count; i++)
        {
            var line = Line(offer, i) ?? Line(answer, i);
            if (line is null || line.Protocol.Contains("RTP", StringComparison.OrdinalIgnoreCase) is false) continue;
            var o = Endpoint(offer, i);
            var a = Endpoint(answer, i);
            if (o is not null || a is not null) media.Add(new SessionMedium(i, MediaKinds.Parse(line.MediaType), o, a));
        }
        return media;
    }

    // The call's main endpoint on one side: its first audio line where it names one, as a phone call's audio is
    // what the no-media verdict speaks of; else its first RTP line (a video-only session).
    private static MediaOffer? Main(List<SessionMedium> media, Func<SessionMedium, MediaOffer?> side)
    {
        foreach (var m in media)
            if (m.Kind == MediaKind.Audio && side(m) is { } audio) return audio;
        foreach (var m in media)
            if (side(m) is { } any) return any;
        return null;
    }

    // What one party announced over the dialog's SDP history (itself capped by the SIP engine): a stream is
    // from an expected source when its source is any of these, not only the latest — a stream that ran before a
    // re-INVITE moved the media came from the address in force then.
    private static List<RtpEndpoint> Announced(Dialog d, string party)
    {
        var endpoints = new List<RtpEndpoint>();
        foreach (var exchange in d.Sdp)
        {
            if (exchange.Party != party) continue;
            for (int i = 0; i < exchange.Sdp.Media.Length; i++)
                if (Endpoint(exchange, i) is { } offer && !endpoints.Contains(offer.Endpoint))
                    endpoints.Add(offer.Endpoint);
        }
        return endpoints;
    }

    private static SdpMedia? Line(SdpExchange? exchange, int index) =>
        exchange is not null && index < exchange.Sdp.Media.Length ? exchange.Sdp.Media[index] : null;

    // Where that side wants to receive this m= line: null when it rejected it (port 0) or named no usable address.
    private static MediaOffer? Endpoint(SdpExchange? exchange, int index)
    {
        if (Line(exchange, index) is not { } m || m.Port is <= 0 or > ushort.MaxValue) return null;
        var sdp = exchange!.Sdp;
        var address = m.ConnectionAddress ?? sdp.ConnectionAddress;
        if (address is null || !NetAddress.TryParse(address, out var ip)) return null;
        return new MediaOffer(new RtpEndpoint(ip, (ushort)m.Port), m.Direction ?? sdp.Direction, exchange.Frame);
    }
}
