using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// What is missing of one m= line of a call some of whose media was captured: the whole medium, or one
/// direction of it. Audio one way is the classic fault (an error). A medium missing while another flows, and
/// one-way video, are warnings: the media path evidently passes the capture point, and an endpoint that sends
/// no video (no camera, camera off) or no audio (muted, a video-only test source) is a choice as often as a fault.
/// </summary>
internal static class MissingMedium
{
    // Evidence frames: the first and last of at most this many flowing streams, however many the call has.
    private const int SampleStreams = 8;

    public static Finding? Find(CallMedia call, MediumStreams medium)
    {
        var m = medium.Medium;
        if (!RtpCallLinker.Owes(m)) return null;
        var (offer, answer) = (m.Offer!, m.Answer!);
        bool owedToOffer = offer.Receives && answer.Sends, owedToAnswer = answer.Receives && offer.Sends;
        if (medium.None) return Absent(call, m);
        bool offerDeaf = owedToOffer && medium.ToOffer.Count == 0;
        if (!offerDeaf && !(owedToAnswer && medium.ToAnswer.Count == 0)) return null;
        return OneWay(call.Session.CallId, m, offerDeaf, offerDeaf ? medium.ToAnswer : medium.ToOffer);
    }

    private static Finding Absent(CallMedia call, SessionMedium m)
    {
        var (offer, answer) = (m.Offer!, m.Answer!);
        var flowing = new List<MediumStreams>();
        foreach (var other in call.Media)
            if (!other.None) flowing.Add(other);
        string others = Names(flowing);
        var f = RtpCallLinker.New(FindingKind.RtpNoMedia, Severity.Warning, call.Session.CallId,
            $"{Capitalised(m.Name)} negotiated but no {m.Name} RTP captured in call {call.Session.CallId}: neither {offer.Endpoint} nor "
            + $"{answer.Endpoint} received {m.Name}, while its {others} RTP was captured.",
            $"The offer (frame {offer.SdpFrame}) and the answer (frame {answer.SdpFrame}) agreed on {m.Name} at {offer.Endpoint} and "
            + $"{answer.Endpoint}, but no RTP to either was captured during the call, while its {others} was. The media path "
            + $"passes this capture point, so the {m.Name} was most likely never sent ({NotSentBecause(m.Kind)}), or a firewall "
            + "or NAT let only the other media port through.",
            $"udp.port == {offer.Endpoint.Port} || udp.port == {answer.Endpoint.Port}");
        f.ClientSymptom = m.Kind switch
        {
            MediaKind.Audio => $"Call connects with {others} but neither party hears the other.",
            MediaKind.Video => "Call connects with sound but no picture on either side.",
            _ => $"Call connects but no {m.Name} reaches either side.",
        };
        f.Frames.Add(offer.SdpFrame);
        f.Frames.Add(answer.SdpFrame);
        int sampled = 0;
        foreach (var other in flowing)
            foreach (var stream in other.ToOffer.Concat(other.ToAnswer))
                if (sampled++ < SampleStreams)
                {
                    f.Frames.Add(stream.FirstFrame);
                    f.Frames.Add(stream.LastFrame);
                }
        return f;
    }

    private static Finding OneWay(string callId, SessionMedium m, bool offerDeaf, List<RtpStream> flowing)
    {
        var (offer, answer) = (m.Offer!, m.Answer!);
        var silent = offerDeaf ? offer : answer;
        var heard = offerDeaf ? answer : offer;
        var f = RtpCallLinker.New(FindingKind.RtpOneWay, m.Kind == MediaKind.Audio ? Severity.Error : Severity.Warning, callId,
            $"One-way {m.Name} in call {callId}: RTP reaches {heard.Endpoint} but none reaches {silent.Endpoint}.",
            $"{flowing.Count} stream(s) flow toward {heard.Endpoint}, but nothing was captured toward "
            + $"{silent.Endpoint}, which its SDP (frame {silent.SdpFrame}) announced as {silent.Direction}. The missing direction "
            + (m.Kind == MediaKind.Audio ? "" : "may not be sent at all (a camera off or absent); otherwise it ")
            + "is typically blocked by a firewall or NAT, or routed around this capture point.",
            $"{RtpCallLinker.IpField(silent.Endpoint)} == {silent.Endpoint.Address} && udp.port == {silent.Endpoint.Port}");
        f.ClientSymptom = m.Kind switch
        {
            MediaKind.Audio => $"The party at {silent.Endpoint} hears nothing; the other side hears them.",
            MediaKind.Video => $"The party at {silent.Endpoint} sees no picture; the other side sees theirs.",
            _ => $"The party at {silent.Endpoint} receives no {m.Name}; the other side does.",
        };
        f.Frames.Add(offer.SdpFrame);
        f.Frames.Add(answer.SdpFrame);
        foreach (var stream in flowing.Take(SampleStreams))
        {
            f.Frames.Add(stream.FirstFrame);
            f.Frames.Add(stream.LastFrame);
        }
        return f;
    }

    // "video", "audio and video", "audio, video and text": the kinds of the flowing m= lines, each once.
    private static string Names(List<MediumStreams> flowing)
    {
        var names = new List<string>();
        foreach (var medium in flowing)
            if (!names.Contains(medium.Medium.Name)) names.Add(medium.Medium.Name);
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
    }

    private static string NotSentBecause(MediaKind kind) => kind switch
    {
        MediaKind.Audio => "a muted endpoint, a video-only source, a codec the sender could not use",
        MediaKind.Video => "no camera or the camera off, a codec the sender could not use",
        _ => "an endpoint that did not use it",
    };

    private static string Capitalised(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
