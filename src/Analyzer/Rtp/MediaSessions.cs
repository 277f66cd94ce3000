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
            var offer = Audio(d.CallerMedia);
            var answer = Audio(d.CalleeMedia);
            if (offer is null && answer is null) continue;
            yield return new MediaSession
            {
                CallId = d.CallId,
                Caller = d.Caller.Length > 0 ? d.Caller : null,
                Callee = d.Callee.Length > 0 ? d.Callee : null,
                Offer = offer,
                Answer = answer,
                StartNs = d.AnswerNs ?? d.InviteNs,
                EndNs = d.ByeNs ?? d.EndNs,
            };
        }
    }

    // The first audio m= line with a usable address and port: where that side wants to receive.
    private static MediaOffer? Audio(SdpExchange? exchange)
    {
        if (exchange is null) return null;
        var sdp = exchange.Sdp;
        foreach (var m in sdp.Media)
        {
            if (!m.MediaType.Equals("audio", StringComparison.OrdinalIgnoreCase) || m.Port is <= 0 or > ushort.MaxValue) continue;
            var address = m.ConnectionAddress ?? sdp.ConnectionAddress;
            if (address is null || !NetAddress.TryParse(address, out var ip)) continue;
            return new MediaOffer(new RtpEndpoint(ip, (ushort)m.Port), m.Direction ?? sdp.Direction, exchange.Frame);
        }
        return null;
    }
}
