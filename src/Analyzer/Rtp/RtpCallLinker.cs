using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;

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

    /// <summary>Per call, the streams toward each side.</summary>
    public List<CallMedia> Link(IEnumerable<MediaSession> sessions, IReadOnlyList<RtpStream> streams)
    {
        var all = sessions as IReadOnlyList<MediaSession> ?? sessions.ToList();
        var owner = Owners(all, streams);
        var result = new List<CallMedia>();
        foreach (var session in all)
        {
            var call = new CallMedia { Session = session };
            foreach (var stream in streams)
            {
                if (!ReferenceEquals(owner.GetValueOrDefault(stream), session))
                    continue;
                if (session.Offer is { } offer && IsTo(stream, offer.Endpoint))
                {
                    call.ToOffer.Add(stream);
                    if (session.Answer is { } answer && !IsFrom(stream, answer.Endpoint))
                        call.UnexpectedSources.Add(stream);
                }
                else if (session.Answer is { } answer && IsTo(stream, answer.Endpoint))
                {
                    call.ToAnswer.Add(stream);
                    if (session.Offer is { } o && !IsFrom(stream, o.Endpoint))
                        call.UnexpectedSources.Add(stream);
                }
            }
            result.Add(call);
        }
        return result;
    }

    /// <summary>Links the calls and returns every media finding: per call, then per stream (loss, jitter).</summary>
    public List<Finding> Evaluate(IEnumerable<MediaSession> sessions, IReadOnlyList<RtpStream> streams, MediaVantage? vantage = null) =>
        Evaluate(Link(sessions, streams), streams, vantage);

    /// <summary>The findings of calls already linked; <paramref name="vantage"/> says what this point can judge.</summary>
    public List<Finding> Evaluate(IReadOnlyList<CallMedia> calls, IReadOnlyList<RtpStream> streams, MediaVantage? vantage)
    {
        var findings = new List<Finding>();
        foreach (var call in calls)
            CallFindings(call, findings, vantage);
        foreach (var stream in streams)
            QualityFindings(stream, findings);
        return findings;
    }

    private void CallFindings(CallMedia call, List<Finding> findings, MediaVantage? vantage)
    {
        var s = call.Session;
        int first = findings.Count;
        if (s.Offer is not { } offer || s.Answer is not { } answer)
            return; // not negotiated: no media is owed
        bool owedToOffer = offer.Receives && answer.Sends;
        bool owedToAnswer = answer.Receives && offer.Sends;
        if (vantage is not null)
        {
            // A point the media never passes owes none; the call is worth a note only if no point saw its media.
            // A point on the path judges what it saw, even when another point saw more: media seen on a router
            // leg and missing at the PBX was dropped in between.
            if (call.None && (owedToOffer || owedToAnswer) && !vantage.OnPath(s))
            {
                if (!vantage.SeenAnywhere.GetValueOrDefault(s.CallId).Any) vantage.NotOnPath.Add(s);
                owedToOffer = owedToAnswer = false;
            }
            // A capture filtered to SIP (not one other datagram) cannot tell missing media from media not captured.
            else if (call.None && (owedToOffer || owedToAnswer) && vantage.SignalingOnly)
            {
                if (!vantage.SeenAnywhere.GetValueOrDefault(s.CallId).Any) vantage.NotCaptured.Add(s);
                owedToOffer = owedToAnswer = false;
            }
        }
        if (call.None && (owedToOffer || owedToAnswer))
        {
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
        else if ((owedToOffer && call.ToOffer.Count == 0) || (owedToAnswer && call.ToAnswer.Count == 0))
        {
            bool offerDeaf = owedToOffer && call.ToOffer.Count == 0;
            var silent = offerDeaf ? offer : answer;
            var flowing = offerDeaf ? call.ToAnswer : call.ToOffer;
            var f = New(FindingKind.RtpOneWay, Severity.Error, s.CallId,
                $"One-way audio in call {s.CallId}: RTP reaches {(offerDeaf ? answer : offer).Endpoint} but none reaches {silent.Endpoint}.",
                $"{flowing.Count} stream(s) flow toward {(offerDeaf ? answer : offer).Endpoint}, but nothing was captured toward "
                + $"{silent.Endpoint}, which its SDP (frame {silent.SdpFrame}) announced as {silent.Direction}. The missing direction "
                + "is typically blocked by a firewall or NAT, or routed around this capture point.",
                $"{IpField(silent.Endpoint)} == {silent.Endpoint.Address} && udp.port == {silent.Endpoint.Port}");
            f.ClientSymptom = $"The party at {silent.Endpoint} hears nothing; the other side hears them.";
            f.Frames.Add(offer.SdpFrame);
            f.Frames.Add(answer.SdpFrame);
            foreach (var stream in flowing)
            {
                f.Frames.Add(stream.FirstFrame);
                f.Frames.Add(stream.LastFrame);
            }
            Finish(f, findings);
        }
        foreach (var stream in call.UnexpectedSources)
        {
            var announced = call.ToOffer.Contains(stream) ? answer : offer;
            var f = New(FindingKind.RtpUnexpectedSource, Severity.Warning, s.CallId,
                $"RTP for call {s.CallId} comes from {stream.Source.ToString(stream.SourcePort)}, not from {announced.Endpoint} as its SDP said.",
                $"The SDP in frame {announced.SdpFrame} announced {announced.Endpoint}, but the stream to "
                + $"{stream.Destination.ToString(stream.DestinationPort)} (SSRC 0x{stream.Ssrc:x8}) is sent from "
                + $"{stream.Source.ToString(stream.SourcePort)}. A NAT that the SDP does not reflect, or a SIP ALG rewriting one "
                + "side only, does this; phones that answer to the SDP address then send into the void.",
                stream.WiresharkFilter);
            f.Frames.Add(announced.SdpFrame);
            f.Frames.Add(stream.FirstFrame);
            f.Frames.Add(stream.LastFrame);
            Finish(f, findings);
        }
        // A call's findings belong to its caller (the phone that placed it), as path findings belong to their client.
        for (int i = first; i < findings.Count; i++)
        {
            findings[i].Client = s.Caller;
            findings[i].Server = s.Callee;
        }
    }

    private void QualityFindings(RtpStream stream, List<Finding> findings)
    {
        var st = stream.Statistics;
        if (st.Packets < _options.MinPacketsForQuality)
            return;
        string flow = stream.ToString();
        if (st.LostPercent > _options.LossPercent)
        {
            var f = New(FindingKind.RtpLoss, Severity.Warning, stream.CallId,
                string.Create(CultureInfo.InvariantCulture, $"RTP stream {flow} lost {st.Lost} of {st.Expected} packets ({st.LostPercent:F1} %)."),
                string.Create(CultureInfo.InvariantCulture,
                    $"Sequence numbers {st.FirstSequence}…{st.LastSequence} (+{st.SequenceCycles}×65536) mean {st.Expected} packets were sent; "
                    + $"{st.Packets} arrived here, with {st.SequenceErrors} sequence errors. Above {_options.LossPercent} % speech breaks up."),
                stream.WiresharkFilter);
            f.ClientSymptom = "Choppy or broken-up audio.";
            AddStreamFrames(f, stream);
            Finish(f, findings);
        }
        if (st.MaxJitter > _options.MaxJitterMs)
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
        PoorQualityFinding(stream, findings);
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

    private static Finding New(FindingKind kind, Severity severity, string? callId, string summary, string explanation, string filter) => new()
    {
        Kind = kind,
        Severity = severity,
        Summary = summary,
        Explanation = explanation,
        CallId = callId,
        Transport = Transport.Udp,
        WiresharkFilter = filter,
    };

    private static void Finish(Finding f, List<Finding> findings)
    {
        var distinct = f.Frames.Distinct().Order().ToList();
        f.Frames.Clear();
        f.Frames.AddRange(distinct);
        findings.Add(f);
    }

    // A stream belongs to one call: among those whose SDP names its destination and whose time (with the slack)
    // it falls in, the one it overlaps most. Back-to-back calls to the same port (sipp reuses 6000) would
    // otherwise each claim the other's stream, and one would be told its media comes from the wrong source.
    private Dictionary<RtpStream, MediaSession> Owners(IReadOnlyList<MediaSession> sessions, IReadOnlyList<RtpStream> streams)
    {
        var owners = new Dictionary<RtpStream, MediaSession>(ReferenceEqualityComparer.Instance);
        foreach (var stream in streams)
        {
            MediaSession? best = null;
            long bestOverlap = long.MinValue;
            foreach (var session in sessions)
            {
                if (!InTime(session, stream) || !IsToEither(stream, session)) continue;
                long overlap = Math.Min(session.EndNs ?? long.MaxValue, stream.EndNs) - Math.Max(session.StartNs, stream.StartNs);
                if (overlap > bestOverlap)
                {
                    best = session;
                    bestOverlap = overlap;
                }
            }
            if (best is not null) owners[stream] = best;
        }
        return owners;
    }

    private static bool IsToEither(RtpStream stream, MediaSession s) =>
        s.Offer is { } offer && IsTo(stream, offer.Endpoint) || s.Answer is { } answer && IsTo(stream, answer.Endpoint);

    private bool InTime(MediaSession s, RtpStream stream) =>
        stream.EndNs >= s.StartNs - _options.SlackNs && (s.EndNs is not { } end || stream.StartNs <= end + _options.SlackNs);

    private static bool IsTo(RtpStream s, RtpEndpoint e) => s.Destination == e.Address && s.DestinationPort == e.Port;

    private static bool IsFrom(RtpStream s, RtpEndpoint e) => s.Source == e.Address && s.SourcePort == e.Port;

    private static string IpField(RtpEndpoint e) => e.Address.IsV6 ? "ipv6.addr" : "ip.addr";
}
