using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Ties RTP streams to the calls whose SDP announced their endpoints, and turns what is missing or poor into
/// findings: no media, media one way only, media from an address the SDP did not name (NAT or a SIP ALG),
/// loss and jitter above the thresholds.
/// </summary>
public sealed class RtpCallLinker
{
    private readonly RtpFindingOptions _options;

    public RtpCallLinker(RtpFindingOptions? options = null) => _options = options ?? new RtpFindingOptions();

    /// <summary>Per call and m= line, the streams toward each side.</summary>
    public List<CallMedia> Link(IEnumerable<MediaSession> sessions, IReadOnlyList<RtpStream> streams)
    {
        var all = sessions as IReadOnlyList<MediaSession> ?? sessions.ToList();
        var owner = Owners(all, streams);
        var unowned = UnownedByDestination(streams, owner);
        // A session's streams are those it owns or that a copy of the same call owns (IsRepeat): grouped by Call-ID in
        // stream order, so each session looks at its call's streams, not at every stream of the capture.
        var byCallId = new Dictionary<string, List<RtpStream>>(StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            if (!owner.TryGetValue(stream, out var streamOwner)) continue;
            if (!byCallId.TryGetValue(streamOwner.CallId, out var list)) byCallId[streamOwner.CallId] = list = new List<RtpStream>();
            list.Add(stream);
        }
        var result = new List<CallMedia>();
        foreach (var session in all)
        {
            var call = new CallMedia { Session = session };
            foreach (var medium in session.Media) call.Media.Add(new MediumStreams(medium));
            foreach (var stream in byCallId.GetValueOrDefault(session.CallId) ?? [])
            {
                var streamOwner = owner[stream];
                if (!(ReferenceEquals(streamOwner, session) || IsRepeat(session, streamOwner, stream)))
                    continue;
                foreach (var medium in call.Media)
                    if (Attach(call, medium, stream)) break;
            }
            if (unowned.Count > 0)
                foreach (var medium in call.Media) AttachReturns(call, medium, unowned);
            result.Add(call);
        }
        return result;
    }

    // Streams to an address no SDP named, by destination: where a party sends its media back to a NAT'd sender.
    private static Dictionary<(NetAddress, ushort), List<RtpStream>> UnownedByDestination(IReadOnlyList<RtpStream> streams, Dictionary<RtpStream, MediaSession> owner)
    {
        var unowned = new Dictionary<(NetAddress, ushort), List<RtpStream>>();
        foreach (var stream in streams)
        {
            if (owner.ContainsKey(stream)) continue;
            var key = (stream.Destination, stream.DestinationPort);
            if (!unowned.TryGetValue(key, out var list)) unowned[key] = list = new List<RtpStream>(1);
            list.Add(stream);
        }
        return unowned;
    }

    // Media from an address the SDP did not name (a NAT, an ALG that rewrote one side) reaches one party; that party
    // sending its own media back to the address it came from (symmetric RTP, as PBXs do for NAT'd phones) is the other
    // direction, delivered where the sender really is. Without it the call would read as one-way audio toward the
    // address the SDP named, which nobody listens on.
    private void AttachReturns(CallMedia call, MediumStreams medium, Dictionary<(NetAddress, ushort), List<RtpStream>> unowned)
    {
        for (int i = 0; i < medium.UnexpectedSources.Count; i++)
        {
            var arriving = medium.UnexpectedSources[i];
            bool toOffer = medium.ToOffer.Contains(arriving);
            var back = toOffer ? medium.ToAnswer : medium.ToOffer;
            if (back.Count > 0 || !unowned.TryGetValue((arriving.Source, arriving.SourcePort), out var candidates)) continue;
            foreach (var stream in candidates)
            {
                if (stream.Source != arriving.Destination || !InTime(call.Session, stream) || back.Contains(stream)) continue;
                back.Add(stream);
                (toOffer ? call.ToAnswer : call.ToOffer).Add(stream);
            }
        }
    }

    // A stream to one side's endpoint of this m= line is that line's media toward that side. Its source is
    // expected when the sender's SDP named it at any time in the dialog: a stream that ran before a re-INVITE
    // moved the media came from the address in force then.
    private static bool Attach(CallMedia call, MediumStreams medium, RtpStream stream)
    {
        var (offer, answer) = (medium.Medium.Offer, medium.Medium.Answer);
        bool toOffer = offer is not null && IsTo(stream, offer.Endpoint);
        if (!toOffer && !(answer is not null && IsTo(stream, answer.Endpoint))) return false;
        (toOffer ? medium.ToOffer : medium.ToAnswer).Add(stream);
        (toOffer ? call.ToOffer : call.ToAnswer).Add(stream);
        var sender = toOffer ? answer : offer;
        if (sender is not null && !IsFrom(stream, sender.Endpoint)
            && !AnnouncedBy(toOffer ? call.Session.AnswerSources : call.Session.OfferSources, stream))
        {
            medium.UnexpectedSources.Add(stream);
            call.UnexpectedSources.Add(stream);
        }
        return true;
    }

    /// <summary>Links the calls and returns every media finding: per call, then per stream (loss, jitter).</summary>
    public List<Finding> Evaluate(IEnumerable<MediaSession> sessions, IReadOnlyList<RtpStream> streams, MediaVantage? vantage = null) =>
        Evaluate(Link(sessions, streams), streams, vantage);

    /// <summary>The findings of calls already linked; <paramref name="vantage"/> says what this point can judge.</summary>
    public List<Finding> Evaluate(IReadOnlyList<CallMedia> calls, IReadOnlyList<RtpStream> streams, MediaVantage? vantage)
    {
        var findings = new List<Finding>();
        var kinds = new Dictionary<RtpStream, MediaKind>(ReferenceEqualityComparer.Instance);
        foreach (var call in calls)
        {
            CallFindings(call, findings, vantage);
            foreach (var medium in call.Media)
                foreach (var stream in medium.ToOffer.Concat(medium.ToAnswer))
                    kinds.TryAdd(stream, medium.Medium.Kind);
        }
        foreach (var stream in streams)
            QualityFindings(stream, kinds.GetValueOrDefault(stream, MediaKind.Audio), findings);
        return findings;
    }

    private void CallFindings(CallMedia call, List<Finding> findings, MediaVantage? vantage)
    {
        var s = call.Session;
        int first = findings.Count;
        // The line the no-media verdict speaks of: the first owed audio line, else the first owed one.
        MediumStreams? main = null;
        foreach (var medium in call.Media)
            if (Owes(medium.Medium) && (main is null || (main.Medium.Kind != MediaKind.Audio && medium.Medium.Kind == MediaKind.Audio)))
                main = medium;
        bool owed = main is not null && s.Answered; // nothing negotiated both ways, or never answered: no media is owed
        if (vantage is not null && call.None && owed)
        {
            // A point the media never passes owes none; the call is worth a note only if no point saw its media.
            // A point on the path judges what it saw, even when another point saw more: media seen on a router
            // leg and missing at the PBX was dropped in between. A capture filtered to SIP (not one other
            // datagram) cannot tell missing media from media not captured; nor can a point that carried not one
            // datagram but SIP from or to the media endpoints: a sender's RTP passes where it is captured, whatever
            // drops it further on, so such a point holds the call's signaling leg only.
            var unjudged = !vantage.OnPath(s) ? vantage.NotOnPath
                : vantage.SignalingOnly ? vantage.NotCaptured
                : !AnySeen(call, vantage) ? vantage.EndpointsNotCaptured : null;
            if (unjudged is not null)
            {
                if (!vantage.SeenAnywhere.GetValueOrDefault(s.CallId).Any) unjudged.Add(s);
                owed = false;
            }
        }
        if (call.None && owed)
        {
            var (offer, answer) = (main!.Medium.Offer!, main.Medium.Answer!);
            var f = New(FindingKind.RtpNoMedia, Severity.Error, s.CallId,
                $"No RTP at all for call {s.CallId}: neither {offer.Endpoint} nor {answer.Endpoint} received media.",
                $"The offer (frame {offer.SdpFrame}) asked for media at {offer.Endpoint} and the answer (frame {answer.SdpFrame}) at "
                + $"{answer.Endpoint}, but no RTP to either endpoint was captured during the call. Either media took another path "
                + "than this capture point, or a firewall/NAT dropped it in both directions.",
                $"udp.port == {offer.Endpoint.Port} || udp.port == {answer.Endpoint.Port}");
            f.ClientSymptom = "Call connects but both parties hear silence.";
            f.Frames.Add(offer.SdpFrame);
            f.Frames.Add(answer.SdpFrame);
            Finish(f, findings);
        }
        else if (owed)
            foreach (var medium in call.Media)
                if (MissingMedium.Find(call, medium) is { } f)
                    Finish(f, findings);
        foreach (var medium in call.Media)
            foreach (var stream in medium.UnexpectedSources)
            {
                bool toOffer = medium.ToOffer.Contains(stream);
                var back = (toOffer ? medium.ToAnswer : medium.ToOffer).Find(r => r.Destination == stream.Source && r.DestinationPort == stream.SourcePort);
                UnexpectedSource(s, toOffer ? medium.Medium.Answer! : medium.Medium.Offer!, stream, back, findings);
            }
        // A call's findings belong to its caller (the phone that placed it), as path findings belong to their client.
        for (int i = first; i < findings.Count; i++)
        {
            findings[i].Client = s.Caller;
            findings[i].Server = s.Callee;
        }
    }

    // Whether the point saw a datagram other than SIP of any endpoint an owed m= line named.
    private static bool AnySeen(CallMedia call, MediaVantage vantage)
    {
        foreach (var medium in call.Media)
            if (Owes(medium.Medium)
                && (vantage.SawDatagramsOf(medium.Medium.Offer!.Endpoint.Address) || vantage.SawDatagramsOf(medium.Medium.Answer!.Endpoint.Address)))
                return true;
        return false;
    }

    // back: the other party's stream to where this one comes from (symmetric RTP), if it sends one.
    private static void UnexpectedSource(MediaSession s, MediaOffer announced, RtpStream stream, RtpStream? back, List<Finding> findings)
    {
        string source = stream.Source.ToString(stream.SourcePort);
        // Answered where it comes from, the media works both ways (a PBX's NAT handling does exactly this): worth
        // knowing, not a fault.
        var f = New(FindingKind.RtpUnexpectedSource, back is null ? Severity.Warning : Severity.Info, s.CallId,
            $"RTP for call {s.CallId} comes from {source}, not from {announced.Endpoint} as its SDP said"
            + (back is null ? "." : "; the media goes back there (symmetric RTP), so both directions flow."),
            $"The SDP in frame {announced.SdpFrame} announced {announced.Endpoint}, but the stream to "
            + $"{stream.Destination.ToString(stream.DestinationPort)} (SSRC 0x{stream.Ssrc:x8}) is sent from "
            + $"{source}. A NAT that the SDP does not reflect, or a SIP ALG rewriting one side only, does this; "
            + (back is null
                ? "phones that answer to the SDP address then send into the void."
                : $"here {back.Source.ToString(back.SourcePort)} sends its media back to {source} (symmetric RTP, SSRC 0x{back.Ssrc:x8}), so both "
                  + $"directions flow, but an endpoint that follows the SDP instead sends to {announced.Endpoint}, where nobody listens."),
            stream.WiresharkFilter);
        f.Frames.Add(announced.SdpFrame);
        f.Frames.Add(stream.FirstFrame);
        f.Frames.Add(stream.LastFrame);
        if (back is not null)
        {
            f.Frames.Add(back.FirstFrame);
            f.Frames.Add(back.LastFrame);
        }
        Finish(f, findings);
    }

    /// <summary>Both sides negotiated this m= line and at least one direction of it is owed media.</summary>
    internal static bool Owes(SessionMedium m) =>
        m.Offer is { } o && m.Answer is { } a && (o.Receives && a.Sends || a.Receives && o.Sends);

    private void QualityFindings(RtpStream stream, MediaKind kind, List<Finding> findings)
    {
        var st = stream.Statistics;
        if (st.Packets < _options.MinPacketsForQuality)
            return;
        string flow = stream.ToString();
        bool video = kind == MediaKind.Video;
        double? gapMs = OneGap(stream);
        if (st.LostPercent > _options.LossPercent)
        {
            string why = gapMs is { } gap
                ? string.Create(CultureInfo.InvariantCulture, $"Nearly all of the lost ones fall in one gap of {gap / 1000:F1} s: the sender went on numbering packets that never passed this capture ")
                  + "point, so the media stopped or took another path for that long; a lossy network loses packets all along the stream."
                : string.Create(CultureInfo.InvariantCulture, $"Above {_options.LossPercent} % {(video ? "the picture freezes or breaks into blocks" : "speech breaks up")}.");
            var f = New(FindingKind.RtpLoss, Severity.Warning, stream.CallId,
                string.Create(CultureInfo.InvariantCulture, $"RTP stream {flow} lost {st.Lost} of {st.Expected} packets ({st.LostPercent:F1} %)."),
                string.Create(CultureInfo.InvariantCulture,
                    $"Sequence numbers {st.FirstSequence}…{st.LastSequence} (+{st.SequenceCycles}×65536) mean {st.Expected} packets were sent; "
                    + $"{st.Packets} arrived here, with {st.SequenceErrors} sequence errors. ") + why,
                stream.WiresharkFilter);
            f.ClientSymptom = gapMs is { } seconds
                ? string.Create(CultureInfo.InvariantCulture, $"{(video ? "The picture freezes" : "The audio drops out")} for about {seconds / 1000:F0} s, then comes back.")
                : video ? "Frozen or blocky video." : "Choppy or broken-up audio.";
            AddStreamFrames(f, stream);
            if (gapMs is { } gapLength) f.Evidence = ((RtpStreamEvidence)f.Evidence!) with { GapMs = Math.Round(gapLength, 3) };
            Finish(f, findings);
        }
        // RFC 3550 jitter of a stream that is not audio says little about the network at an audio threshold: a video
        // sender stamps every packet of a frame with the frame's time and paces them over the frame interval, so
        // its figure grows with the frame size. Only audio (or a stream no m= line names) is judged by it.
        if (kind is MediaKind.Audio or MediaKind.Other && st.MaxJitter > _options.MaxJitterMs)
        {
            var f = New(FindingKind.RtpJitter, Severity.Warning, stream.CallId,
                string.Create(CultureInfo.InvariantCulture, $"RTP stream {flow} has jitter up to {st.MaxJitter:F1} ms (mean {st.MeanJitter:F1} ms)."),
                string.Create(CultureInfo.InvariantCulture,
                    $"Interarrival jitter (RFC 3550, as Wireshark computes it) peaked at {st.MaxJitter:F3} ms, above {_options.MaxJitterMs} ms; "
                    + $"the largest gap between packets was {st.MaxDelta:F3} ms. A jitter buffer that small drops late packets."),
                stream.WiresharkFilter);
            f.ClientSymptom = "Robotic or stuttering audio.";
            AddStreamFrames(f, stream);
            Finish(f, findings);
        }
        // The E-model spreads a stream's loss over the whole call: a clean call with one long dropout is not one of
        // uniformly garbled speech, and the loss finding already says what happened.
        if (gapMs is null) PoorQualityFinding(stream, findings);
    }

    /// <summary>
    /// The length in ms of the stream's longest gap when it holds at least 80 % of the lost packets (one interruption
    /// of a second or more: a hold, a path change, media not passing this point), else null. The packet interval is
    /// estimated from the stream's time outside that gap.
    /// </summary>
    internal static double? OneGap(RtpStream stream)
    {
        var st = stream.Statistics;
        if (st.Lost <= 0 || st.Packets < 3 || !st.HasDelta || st.MaxDelta < 1000) return null;
        double durationMs = (stream.EndNs - stream.StartNs) / 1e6;
        double interval = (durationMs - st.MaxDelta) / (st.Packets - 2);
        if (interval <= 0) return null;
        double inGap = st.MaxDelta / interval - 1;
        return inGap >= 0.8 * st.Lost ? st.MaxDelta : null;
    }

    private void PoorQualityFinding(RtpStream stream, List<Finding> findings)
    {
        if (StreamQuality.Of(stream) is not { } q || q.Mos >= _options.PoorMos)
            return;
        var st = stream.Statistics;
        var codec = CodecImpairment.Of(q.Codec)!.Value;
        var f = New(FindingKind.RtpPoorQuality, q.Mos < _options.BadMos ? Severity.Error : Severity.Warning, stream.CallId,
            string.Create(CultureInfo.InvariantCulture, $"RTP stream {stream} scores MOS {q.Mos:F2} (R {q.R:F1}): {q.Codec} with {q.EffectiveLossPercent:F1} % of its packets lost or too late."),
            string.Create(CultureInfo.InvariantCulture,
                $"By the simplified ITU-T G.107 E-model: {q.Codec} (Ie {codec.Ie}, Bpl {codec.Bpl}), {Math.Max(st.Lost, 0)} packets lost and "
                + $"{st.LateForBuffer} later than a {StreamQuality.JitterBufferMs} ms de-jitter buffer would wait, of {Math.Max(st.Expected, st.Packets)}, "
                + $"and {q.OneWayDelayMs} ms one-way delay assumed. Below MOS {_options.PoorMos} many users are dissatisfied, below {_options.BadMos} nearly all."),
            stream.WiresharkFilter);
        f.ClientSymptom = "Poor call quality: broken-up, garbled or unintelligible speech.";
        AddStreamFrames(f, stream);
        f.Evidence = new RtpStreamEvidence(stream.Ssrc, stream.Key.InterfaceId, Math.Round(q.R, 1), Math.Round(q.Mos, 2));
        Finish(f, findings);
    }

    private static void AddStreamFrames(Finding f, RtpStream stream)
    {
        f.Frames.Add(stream.FirstFrame);
        f.Frames.Add(stream.LastFrame);
        f.Evidence = new RtpStreamEvidence(stream.Ssrc, stream.Key.InterfaceId);
    }

    internal static Finding New(FindingKind kind, Severity severity, string? callId, string summary, string explanation, string filter) => new()
    {
        Kind = kind,
        Severity = severity,
        Summary = summary,
        Explanation = explanation,
        CallId = callId,
        Transport = Transport.Udp,
        WiresharkFilter = filter,
    };

    internal static void Finish(Finding f, List<Finding> findings)
    {
        var distinct = f.Frames.Distinct().Order().ToList();
        f.Frames.Clear();
        f.Frames.AddRange(distinct);
        findings.Add(f);
    }

    // A stream belongs to one call: among those whose SDP names its destination and whose time (with the slack)
    // it falls in, the one whose SDP set it up (Wireshark's rtp.setup-frame), else the one it overlaps most.
    // Back-to-back calls to the same port (sipp reuses 6000) would otherwise each claim the other's stream, and one
    // would be told its media comes from the wrong source; and a stream spanning several calls (a capture holding
    // the same calls twice has one stream per 5-tuple and SSRC over both copies) would go to the longest call.
    private Dictionary<RtpStream, MediaSession> Owners(IReadOnlyList<MediaSession> sessions, IReadOnlyList<RtpStream> streams)
    {
        var owners = new Dictionary<RtpStream, MediaSession>(ReferenceEqualityComparer.Instance);
        // The sessions whose SDP names each endpoint, in session order: a stream is weighed against those only, not
        // against every call of the capture (thousands of calls times thousands of streams).
        var byEndpoint = new Dictionary<(NetAddress, ushort), List<MediaSession>>();
        foreach (var session in sessions)
            foreach (var m in session.Media)
                foreach (var side in (ReadOnlySpan<MediaOffer?>)[m.Offer, m.Answer])
                {
                    if (side is null) continue;
                    var key = (side.Endpoint.Address, side.Endpoint.Port);
                    if (!byEndpoint.TryGetValue(key, out var list)) byEndpoint[key] = list = new List<MediaSession>(1);
                    if (list.Count == 0 || !ReferenceEquals(list[^1], session)) list.Add(session);
                }
        foreach (var stream in streams)
        {
            MediaSession? best = null;
            bool bestSetUp = false;
            long bestOverlap = long.MinValue;
            foreach (var session in byEndpoint.GetValueOrDefault((stream.Destination, stream.DestinationPort)) ?? [])
            {
                if (!InTime(session, stream)) continue;
                bool setUp = stream.CallId is not null && string.Equals(stream.CallId, session.CallId, StringComparison.Ordinal);
                long overlap = Math.Min(session.EndNs ?? long.MaxValue, stream.EndNs) - Math.Max(session.StartNs, stream.StartNs);
                if ((setUp && !bestSetUp) || (setUp == bestSetUp && overlap > bestOverlap))
                {
                    best = session;
                    bestSetUp = setUp;
                    bestOverlap = overlap;
                }
            }
            if (best is not null) owners[stream] = best;
        }
        return owners;
    }

    // The same call again after its owner ended (same Call-ID, no time in common: not a fork): a stream over both
    // copies carries the media of each.
    private bool IsRepeat(MediaSession session, MediaSession owner, RtpStream stream) =>
        string.Equals(session.CallId, owner.CallId, StringComparison.Ordinal)
        && (session.StartNs > owner.EndNs || owner.StartNs > session.EndNs)
        && InTime(session, stream) && IsToEither(stream, session);

    private static bool IsToEither(RtpStream stream, MediaSession s)
    {
        foreach (var m in s.Media)
            if (m.Offer is { } offer && IsTo(stream, offer.Endpoint) || m.Answer is { } answer && IsTo(stream, answer.Endpoint))
                return true;
        return false;
    }

    private bool InTime(MediaSession s, RtpStream stream) =>
        stream.EndNs >= s.StartNs - _options.SlackNs && (s.EndNs is not { } end || stream.StartNs <= end + _options.SlackNs);

    internal static bool IsTo(RtpStream s, RtpEndpoint e) => s.Destination == e.Address && s.DestinationPort == e.Port;

    private static bool IsFrom(RtpStream s, RtpEndpoint e) => s.Source == e.Address && s.SourcePort == e.Port;

    private static bool AnnouncedBy(IReadOnlyList<RtpEndpoint> sources, RtpStream s)
    {
        foreach (var e in sources) if (IsFrom(s, e)) return true;
        return false;
    }

    internal static string IpField(RtpEndpoint e) => e.Address.IsV6 ? "ipv6.addr" : "ip.addr";
}
