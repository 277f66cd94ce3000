using System.Runtime.InteropServices;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Rtp;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Finds RTP streams and RTCP reports in UDP datagrams that are not SIP, and keeps Wireshark-compatible
/// statistics per stream in constant memory. A datagram is taken for RTP when it is sent to or from an
/// endpoint an SDP announced (<see cref="ExpectMedia"/>), falls in <see cref="ForcedPorts"/>, or — by
/// content — when its flow shows <see cref="RtpEngineOptions.HeuristicMinPackets"/> version-2 packets in
/// sequence. RTP and RTCP on one port are told apart by RFC 5761. Packets of a known stream cost one
/// dictionary lookup and no allocation.
/// </summary>
public sealed partial class RtpEngine
{
    private readonly RtpEngineOptions _options;
    private readonly Dictionary<RtpStreamKey, RtpStream> _streams = new();
    private readonly Dictionary<RtpStreamKey, RtpStream> _candidates = new();
    // How many active streams have each endpoint as source or destination: an SDP naming an endpoint no active
    // stream uses (every new call) skips the walk over all streams, which would make the analysis quadratic.
    private readonly Dictionary<RtpEndpoint, int> _streamEndpoints = new();
    private readonly List<RtpStream> _retired = new();
    // Reused by EvictOldest: a new array of every stream per eviction round would be large-object garbage.
    private AgedStream[] _byAge = [];
    private readonly Dictionary<RtpEndpoint, RtpExpectation> _expectations = new();
    // Descriptions in the order they were last said, each with the sequence number it had then: an entry whose
    // description was renewed or replaced since is stale and skipped.
    private readonly Queue<(RtpExpectation Expectation, long Sequence)> _expectationOrder = new();
    private long _expectationSequence;
    private readonly Dictionary<RtcpReportKey, RtcpReception> _rtcp = new();
    private readonly Dictionary<SenderReportKey, SenderReportSeen> _senderReports = new();
    private readonly PointFirstCapture _pointFirstCapture = new();
    private long _originNs = long.MinValue;
    // Streams whose time series got its slices: capped, as each holds 1.3 KB for the rest of the analysis.
    private int _seriesKept;
    // The smaller of the series caps, in series (every series costs the same bytes): one compare per packet.
    private readonly long _maxSeries;

    public RtpEngine(RtpEngineOptions? options = null)
    {
        _options = options ?? new RtpEngineOptions();
        _maxSeries = Math.Min(_options.MaxTimeSeries, _options.MaxTimeSeriesBytes / RtpTimeSeries.SlicesBytes);
    }

    /// <summary>The --rtp-ports range: UDP to or from these ports is RTP/RTCP without further proof.</summary>
    public RtpPortRange? ForcedPorts { get; set; }

    public RtpEngineCounters Counters { get; } = new();

    /// <summary>Every confirmed stream, active or retired, in order of first packet.</summary>
    public IReadOnlyList<RtpStream> Streams
    {
        get
        {
            var all = new List<RtpStream>(_retired.Count + _streams.Count);
            all.AddRange(_retired);
            all.AddRange(_streams.Values);
            all.Sort((a, b) => a.FirstFrame.CompareTo(b.FirstFrame));
            AttachRoundTrips(all);
            return all;
        }
    }

    /// <summary>RTCP reception reports per (reporter, reported source), at each capture point.</summary>
    public IReadOnlyCollection<RtcpReception> RtcpReports => _rtcp.Values;

    /// <summary>The SDP endpoints currently expected.</summary>
    public IReadOnlyCollection<RtpExpectation> Expectations => _expectations.Values;

    /// <summary>
    /// Announces media from an SDP offer or answer: RTP to or from <paramref name="endpoint"/>
    /// is recognised from its first packet, with the rtpmap clock rates of <paramref name="media"/>; RTCP is
    /// expected on a=rtcp or port + 1 (or on the same port with a=rtcp-mux).
    /// </summary>
    public void ExpectMedia(RtpEndpoint endpoint, SdpMedia media, SdpDirection direction, string? callId,
        long timestampNs, FrameRef sdpFrame)
    {
        if (endpoint.Port == 0)
            return; // a rejected or held m= line: nothing will flow
        if (!media.Protocol.Contains("RTP", StringComparison.OrdinalIgnoreCase))
        {
            GiveAway(endpoint, callId, direction, timestampNs, sdpFrame,
                t38: media.Protocol.Equals("udptl", StringComparison.OrdinalIgnoreCase));
            return;
        }
        var map = RtpPayloadMap.From(media);
        Describe(endpoint, callId, map, direction, rtcp: false, timestampNs, sdpFrame);
        int rtcpPort = media.RtcpPort ?? endpoint.Port + 1;
        if (!media.RtcpMux && rtcpPort is > 0 and <= ushort.MaxValue && rtcpPort != endpoint.Port)
            Describe(endpoint with { Port = (ushort)rtcpPort }, callId, map, direction, rtcp: true, timestampNs, sdpFrame);
        // A flow already being watched by content belongs to this call from now on.
        foreach (var candidate in _candidates.Values)
        {
            if (Matches(candidate.Key, endpoint))
                Adopt(candidate, _expectations[endpoint]);
        }
        if (!_streamEndpoints.ContainsKey(endpoint))
            return;
        foreach (var stream in _streams.Values)
        {
            if (Matches(stream.Key, endpoint))
            {
                stream.Suspended = GivenAway(stream.Key);
                if (stream.CallId is null)
                    Adopt(stream, _expectations[endpoint]);
            }
        }
    }

    // The endpoint now carries another protocol (T.38 after a fax re-INVITE): stop counting its datagrams.
    private void GiveAway(RtpEndpoint endpoint, string? callId, SdpDirection direction, long timestampNs, FrameRef sdpFrame, bool t38)
    {
        AddExpectation(new RtpExpectation
        {
            Endpoint = endpoint, CallId = callId, Direction = direction, TimestampNs = timestampNs,
            SdpFrame = sdpFrame, IsRtp = false, IsT38 = t38,
        });
        if (_streamEndpoints.ContainsKey(endpoint))
        {
            foreach (var stream in _streams.Values)
            {
                if (Matches(stream.Key, endpoint))
                    stream.Suspended = GivenAway(stream.Key);
            }
        }
        var dropped = new List<RtpStreamKey>();
        foreach (var candidate in _candidates.Values)
        {
            if (Matches(candidate.Key, endpoint))
                dropped.Add(candidate.Key);
        }
        foreach (var key in dropped)
            _candidates.Remove(key);
    }

    /// <summary>
    /// Offers a UDP datagram that is not SIP. True when it was taken as RTP of a known or confirmed stream,
    /// or as RTCP; false otherwise (also for a heuristic candidate's first packets, until it is confirmed).
    /// </summary>
    public bool OnUdp(in PacketMeta meta, ReadOnlySpan<byte> payload)
    {
        switch (RtpDemultiplexer.Classify(payload))
        {
            case RtpPacketKind.Rtp:
                return OnRtp(meta, payload);
            case RtpPacketKind.Rtcp:
                return OnRtcp(meta, payload);
            default:
                if (_expectations.Count != 0 && FindExpectation(meta, rtcp: false) is { } media)
                {
                    if (media.IsRtp) Counters.NonRtpOnMediaPort++;
                    else if (media.IsT38) Counters.T38Packets++;
                }
                return false;
        }
    }

    private bool OnRtp(in PacketMeta meta, ReadOnlySpan<byte> payload)
    {
        if (!RtpHeader.TryParse(payload, out var header))
            return false;
        if (_originNs == long.MinValue)
            _originNs = meta.ArrivalNs;
        var key = new RtpStreamKey(_pointFirstCapture.Of(meta), meta.InterfaceId, meta.SourceIp, meta.SourcePort,
            meta.DestinationIp, meta.DestinationPort, header.Ssrc);
        if (_streams.TryGetValue(key, out var stream))
        {
            if (stream.Suspended)
            {
                CountGivenAway(meta);
                return false;
            }
            Update(stream, meta, header);
            return true;
        }
        if (_candidates.TryGetValue(key, out var candidate))
            return OnCandidate(candidate, meta, header);

        var expectation = _expectations.Count != 0 ? FindExpectation(meta, rtcp: false) : null;
        if (expectation is { IsRtp: false })
        {
            if (expectation.IsT38) Counters.T38Packets++;
            return false;
        }
        if (expectation is not null)
        {
            stream = Create(key, RtpStreamOrigin.Sdp, meta, header, expectation, active: true);
            Confirm(stream);
            return true;
        }
        if (ForcedPorts is { } forced && (forced.Contains(meta.SourcePort) || forced.Contains(meta.DestinationPort)))
        {
            Confirm(Create(key, RtpStreamOrigin.ForcedPorts, meta, header, active: true));
            return true;
        }
        if (!_options.Heuristics || !Plausible(meta))
            return false;
        candidate = Create(key, RtpStreamOrigin.Heuristic, meta, header, active: _options.HeuristicMinPackets <= 1);
        if (_options.HeuristicMinPackets <= 1)
        {
            Confirm(candidate);
            return true;
        }
        if (_candidates.Count >= _options.MaxCandidates)
            EvictOldest(_candidates, _options.MaxCandidates / 4, retire: false);
        _candidates[key] = candidate;
        return false;
    }

    private bool OnCandidate(RtpStream candidate, in PacketMeta meta, in RtpHeader header)
    {
        bool follows = (ushort)(candidate.CandidateSequence + 1) == header.SequenceNumber
            && header.Timestamp - candidate.CandidateTimestamp < 0x80000000u;
        // A copy of the packet just seen (a capture on Linux "any" takes every packet twice, once per
        // interface it crosses) is neither proof nor counter-proof: without this a stream whose every packet
        // is doubled would never show a run and would be lost entirely, while Wireshark reports it.
        bool copy = header.SequenceNumber == candidate.CandidateSequence && header.Timestamp == candidate.CandidateTimestamp;
        // Every packet of the flow counts from its first one, as in Wireshark, whether or not it continues the run:
        // a leading duplicate, a repeated RFC 4733 end packet or an early gap is part of the stream's figures.
        // The candidate's statistics are the bounded buffer of what came before confirmation; only the proof
        // (a run of packets in sequence) starts over on a break.
        Update(candidate, meta, header);
        if (copy)
            return false;
        if (!follows)
        {
            Counters.CandidatesRestarted++;
            candidate.CandidateRun = 1;
            return false;
        }
        candidate.CandidateRun++;
        if (candidate.CandidateRun < _options.HeuristicMinPackets)
            return false;
        _candidates.Remove(candidate.Key);
        Confirm(candidate);
        return true;
    }

    // active: confirmed at once (announced, forced ports), so its state starts in a slot.
    private RtpStream Create(in RtpStreamKey key, RtpStreamOrigin origin, in PacketMeta meta, in RtpHeader header,
        RtpExpectation? expectation = null, bool active = false)
    {
        var stream = new RtpStream(key, origin, active ? _slots : null)
        {
            FirstFrame = meta.FrameRef,
            StartNs = meta.TimestampNs,
            FirstPayloadType = header.PayloadType,
            CandidateRun = 1,
        };
        if (expectation is not null)
            Adopt(stream, expectation);
        Update(stream, meta, header);
        return stream;
    }

    private void Update(RtpStream stream, in PacketMeta meta, in RtpHeader header) =>
        Update(stream, meta.ArrivalNs, meta.TimestampNs, meta.FrameRef, header);

    private void Update(RtpStream stream, long arrivalNs, long timestampNs, FrameRef frame, in RtpHeader header) =>
        Update(ref stream.State, arrivalNs, timestampNs, frame, header);

    /// <param name="arrivalNs">The packet's timestamp as captured (jitter is measured on it).</param>
    /// <param name="timestampNs">The packet's time in capture order.</param>
    private void Update(ref RtpStreamState stream, long arrivalNs, long timestampNs, FrameRef frame, in RtpHeader header)
    {
        // Only datagrams of a stream count as RTP; a candidate's count when it is confirmed.
        if (stream.Confirmed)
            Counters.RtpPackets++;
        double arrivalMs = (arrivalNs - _originNs) / 1e6;
        byte payloadType = header.PayloadType;
        int clockRate = stream.ClockKey == payloadType + 1 ? stream.ClockRate : CacheClockRate(ref stream, payloadType);
        long expectedBefore = stream.Stats.Packets == 0 ? 0 : stream.Stats.Expected;
        stream.Stats.Add(arrivalMs, header.SequenceNumber, header.Timestamp, payloadType, header.Marker, clockRate);
        bool hadSlices = stream.Series.HasSlices, wasFolded = stream.Series.Folded;
        stream.Series.Add(timestampNs - stream.StartNs, stream.Stats.Expected - expectedBefore - 1,
            stream.Stats.Jitter, stream.Stats.JitterCounted, mayGrow: stream.Confirmed && _seriesKept < _maxSeries);
        if (!hadSlices && stream.Series.HasSlices)
            _seriesKept++;
        else if (!wasFolded && stream.Series.Folded && stream.Confirmed)
            Counters.TimeSeriesNotKept++;
        if (!stream.NoteSeen(payloadType))
            stream.Owner.NameNewPayloadType(payloadType);
        stream.LastFrame = frame;
        stream.EndNs = timestampNs;
        stream.CandidateSequence = header.SequenceNumber;
        stream.CandidateTimestamp = header.Timestamp;
    }

    // The clock of a payload type under the stream's map, kept in its state: a packet of the same type as the last
    // one then needs neither the stream object nor its map.
    private static int CacheClockRate(ref RtpStreamState stream, byte payloadType)
    {
        stream.ClockRate = RtpPayloadMap.ClockRateOf(payloadType, stream.Owner.PayloadMap);
        stream.ClockKey = (byte)(payloadType + 1);
        return stream.ClockRate;
    }

    private void Confirm(RtpStream stream)
    {
        stream.Confirmed = true;
        Counters.RtpPackets += stream.Stats.Packets;
        if (_streams.Count >= _options.MaxStreams)
            EvictOldest(_streams, Math.Max(1, _options.MaxStreams / 10), retire: true);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, stream.Key, out bool replaced);
        if (!replaced)
        {
            CountEndpoints(stream.Key, +1);
        }
        else
        {
            slot!.Unbind();
            _streamEpoch++;
        }
        slot = stream;
        stream.Bind(_slots);
    }

    private void CountEndpoints(in RtpStreamKey key, int delta)
    {
        CountEndpoint(new RtpEndpoint(key.Source, key.SourcePort), delta);
        CountEndpoint(new RtpEndpoint(key.Destination, key.DestinationPort), delta);
    }

    private void CountEndpoint(RtpEndpoint endpoint, int delta)
    {
        ref int count = ref CollectionsMarshal.GetValueRefOrAddDefault(_streamEndpoints, endpoint, out _);
        count += delta;
        if (count <= 0)
            _streamEndpoints.Remove(endpoint);
    }

    private static void Adopt(RtpStream stream, RtpExpectation expectation)
    {
        stream.Origin = RtpStreamOrigin.Sdp;
        stream.CallId = expectation.CallId;
        stream.PayloadMap = expectation.PayloadMap;
    }

    // Heuristic streams need ports outside the well-known range: there Wireshark (and the network) has other
    // protocols, and version-2-looking bytes are common (DNS ids, NTP, NFS).
    private static bool Plausible(in PacketMeta meta) => meta.SourcePort >= 1024 && meta.DestinationPort >= 1024;

    // As in Wireshark, the destination's description wins over the source's: RTP sent to a port now given
    // to T.38 is T.38, even if the sender's own port is still announced for audio.
    private bool GivenAway(in RtpStreamKey key)
    {
        if (_expectations.TryGetValue(new RtpEndpoint(key.Destination, key.DestinationPort), out var e) && !e.IsRtcp)
            return !e.IsRtp;
        return _expectations.TryGetValue(new RtpEndpoint(key.Source, key.SourcePort), out e) && !e.IsRtcp && !e.IsRtp;
    }

    // A suspended stream's datagram: T.38 when the endpoint that took it from RTP was given to T.38.
    private void CountGivenAway(in PacketMeta meta)
    {
        if (FindExpectation(meta, rtcp: false) is { IsRtp: false, IsT38: true })
            Counters.T38Packets++;
    }

    private static bool Matches(in RtpStreamKey key, RtpEndpoint endpoint) =>
        (key.Destination == endpoint.Address && key.DestinationPort == endpoint.Port)
        || (key.Source == endpoint.Address && key.SourcePort == endpoint.Port);

    private RtpExpectation? FindExpectation(in PacketMeta meta, bool rtcp)
    {
        if (_expectations.TryGetValue(new RtpEndpoint(meta.DestinationIp, meta.DestinationPort), out var e) && e.IsRtcp == rtcp)
            return e;
        if (_expectations.TryGetValue(new RtpEndpoint(meta.SourceIp, meta.SourcePort), out e) && e.IsRtcp == rtcp)
            return e;
        return null;
    }

    private void AddExpectation(RtpExpectation expectation)
    {
        while (_expectations.Count >= _options.MaxExpectations && _expectationOrder.TryDequeue(out var oldest))
        {
            if (IsCurrent(oldest))
            {
                _expectations.Remove(oldest.Expectation.Endpoint);
                Counters.ExpectationsEvicted++;
            }
        }
        // A re-INVITE announcing the same endpoint otherwise replaces the old description.
        _expectations[expectation.Endpoint] = expectation;
        Enqueue(expectation);
    }

    // What an SDP says of one RTP or RTCP endpoint: the description it has renewed, or a new one.
    private void Describe(RtpEndpoint endpoint, string? callId, RtpPayloadMap map, SdpDirection direction, bool rtcp,
        long timestampNs, FrameRef sdpFrame)
    {
        if (Renew(endpoint, callId, map, direction, rtcp, timestampNs, sdpFrame)) return;
        AddExpectation(new RtpExpectation
        {
            Endpoint = endpoint, CallId = callId, PayloadMap = map, Direction = direction,
            TimestampNs = timestampNs, SdpFrame = sdpFrame, IsRtcp = rtcp,
        });
    }

    // An SDP that says again what the endpoint's description says (a dialog's re-offers, an in-dialog UPDATE):
    // the description is renewed, its time, frame and place in the order the new SDP's, instead of replaced by an
    // equal one — a dialog re-offering all day made four descriptions per exchange.
    private bool Renew(RtpEndpoint endpoint, string? callId, RtpPayloadMap map, SdpDirection direction, bool rtcp,
        long timestampNs, FrameRef sdpFrame)
    {
        if (!_expectations.TryGetValue(endpoint, out var current) || !current.IsRtp || current.IsT38 || current.IsRtcp != rtcp
            || current.Direction != direction || current.CallId != callId || current.PayloadMap is not { } known || !known.SameAs(map))
            return false;
        current.TimestampNs = timestampNs;
        current.SdpFrame = sdpFrame;
        Enqueue(current);
        return true;
    }

    private void Enqueue(RtpExpectation expectation)
    {
        expectation.Sequence = ++_expectationSequence;
        _expectationOrder.Enqueue((expectation, expectation.Sequence));
        // A replaced or renewed description stays in the order queue until its turn comes, and its turn comes only
        // when the table is full: a dialog re-offering the same endpoints all day would grow the queue without end.
        if (_expectationOrder.Count > 2 * _expectations.Count + 1024)
            DropReplacedExpectations();
    }

    // The entry is the description's latest place in the order, and the description is still the endpoint's.
    private bool IsCurrent((RtpExpectation Expectation, long Sequence) queued) =>
        queued.Expectation.Sequence == queued.Sequence
        && _expectations.TryGetValue(queued.Expectation.Endpoint, out var current) && ReferenceEquals(current, queued.Expectation);

    /// <summary>Removes the queue entries whose endpoint has a newer description (amortised: at most half are kept).</summary>
    private void DropReplacedExpectations()
    {
        for (int n = _expectationOrder.Count; n > 0; n--)
        {
            var queued = _expectationOrder.Dequeue();
            if (IsCurrent(queued))
                _expectationOrder.Enqueue(queued);
        }
    }

    private void EvictOldest(Dictionary<RtpStreamKey, RtpStream> table, int count, bool retire)
    {
        if (_byAge.Length < table.Count) _byAge = new AgedStream[Math.Max(table.Count, _byAge.Length * 2)];
        int n = 0;
        foreach (var stream in table.Values)
        {
            _byAge[n] = new AgedStream(stream.EndNs, n, stream);
            n++;
        }
        var byAge = _byAge.AsSpan(0, n);
        OldestFirst.Select(byAge, count);
        for (int i = 0; i < count && i < n; i++)
        {
            var stream = byAge[i].Stream;
            table.Remove(stream.Key);
            if (!retire)
            {
                Counters.CandidatesEvicted++;
                continue;
            }
            CountEndpoints(stream.Key, -1);
            _streamEpoch++;
            // A stream of fewer packets than a heuristic flow needs to count as RTP is noise (a scan of
            // --rtp-ports, a stray datagram): it gives up its place rather than fill the retired list.
            if (_retired.Count < _options.MaxRetiredStreams && stream.Stats.Packets >= _options.HeuristicMinPackets)
            {
                stream.Unbind();
                _retired.Add(stream);
                Counters.StreamsRetired++;
            }
            else
            {
                // Dropped unreported: its state is not copied out of its slot only to be thrown away.
                stream.Discard();
                Counters.StreamsDropped++;
            }
        }
        byAge.Clear();
    }

    private bool OnRtcp(in PacketMeta meta, ReadOnlySpan<byte> payload)
    {
        if (!RtcpCompoundReader.IsValid(payload))
        {
            if (_expectations.Count != 0 && FindExpectation(meta, rtcp: true) is not null)
                Counters.MalformedRtcp++;
            return false;
        }
        bool known = (_expectations.Count != 0 && (FindExpectation(meta, rtcp: true) ?? FindExpectation(meta, rtcp: false)) is not null)
            || (ForcedPorts is { } forced && (forced.Contains(meta.SourcePort) || forced.Contains(meta.DestinationPort)));
        if (!known && !(_options.Heuristics && Plausible(meta)))
            return false;
        Counters.RtcpPackets++;
        var reader = new RtcpCompoundReader(payload);
        while (reader.TryRead(out var packet))
        {
            if (packet.TryGetSenderInfo(out var sender))
                NoteSenderReport(meta, packet.Ssrc, sender);
            int blocks = packet.ReportBlockCount;
            for (int i = 0; i < blocks; i++)
                Record(meta, packet.Ssrc, packet.GetReportBlock(i));
        }
        return true;
    }

    private void Record(in PacketMeta meta, uint reporter, in RtcpReportBlock block)
    {
        var key = new RtcpReportKey(_pointFirstCapture.Of(meta), meta.InterfaceId, reporter, block.Ssrc);
        if (!_rtcp.TryGetValue(key, out var reception))
        {
            if (_rtcp.Count >= _options.MaxRtcpReports)
            {
                Counters.RtcpReportsDropped++;
                return;
            }
            reception = new RtcpReception(key);
            _rtcp[key] = reception;
        }
        reception.Add(block, meta);
        if (RoundTripMs(meta, block) is { } rtt)
            reception.RoundTripMs = rtt;
    }

    // A stream's round trip is what its receivers' reports echoed of its sender reports; with several receivers
    // (a conference, a forked stream) the longest, as the E-model's delay term should not flatter the call.
    private void AttachRoundTrips(List<RtpStream> streams)
    {
        Dictionary<SenderReportKey, double>? roundTrips = null;
        foreach (var reception in _rtcp.Values)
        {
            if (reception.RoundTripMs is not { } rtt)
                continue;
            roundTrips ??= new();
            var key = new SenderReportKey(reception.Key.Capture, reception.Key.InterfaceId, reception.Key.ReportedSsrc);
            roundTrips[key] = roundTrips.TryGetValue(key, out double other) ? Math.Max(other, rtt) : rtt;
        }
        if (roundTrips is null)
            return;
        foreach (var stream in streams)
            if (roundTrips.TryGetValue(new SenderReportKey(stream.Key.Capture, stream.Key.InterfaceId, stream.Ssrc), out double rtt))
                stream.RoundTripMs = rtt;
    }

    private void NoteSenderReport(in PacketMeta meta, uint ssrc, in RtcpSenderInfo sender)
    {
        var key = new SenderReportKey(_pointFirstCapture.Of(meta), meta.InterfaceId, ssrc);
        if (_senderReports.Count >= _options.MaxRtcpReports && !_senderReports.ContainsKey(key))
            return;
        _senderReports[key] = new SenderReportSeen((uint)(sender.NtpTimestamp >> 16), meta.ArrivalNs);
    }

    // RFC 3550 §6.4.1: the report's arrival minus the echoed sender report's (LSR, matched to the one seen
    // here) minus the receiver's hold time (DLSR, 1/65536 s). A report echoing a sender report this point did not
    // see, or giving a negative or absurd (over 10 s) result, says nothing.
    private double? RoundTripMs(in PacketMeta meta, in RtcpReportBlock block)
    {
        if (block.LastSenderReport == 0
            || !_senderReports.TryGetValue(new SenderReportKey(_pointFirstCapture.Of(meta), meta.InterfaceId, block.Ssrc), out var sr)
            || sr.NtpMiddle != block.LastSenderReport)
            return null;
        double ms = (meta.ArrivalNs - sr.ArrivalNs) / 1e6 - block.DelaySinceLastSenderReport * 1000.0 / 65536;
        return ms is >= 0 and <= 10_000 ? ms : null;
    }
}
