using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Points;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Selection;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Runs the whole analysis over the input files: read → decode → reassemble → SIP/RTP → paths → findings.
/// A broken file stops only that file; what was read before the damage stays in the result.
/// </summary>
public sealed class Analysis
{
    private readonly AnalysisOptions _options;

    public Analysis(AnalysisOptions options) => _options = options;

    public AnalysisProgress Progress { get; } = new();

    /// <summary>
    /// Reads every input in order (the files of one capture point continue each other), then completes the
    /// engines and derives the findings. Options files (topology, credentials) are read first, so a bad one
    /// fails before any capture is read.
    /// </summary>
    public async Task<AnalysisResult> RunAsync(IReadOnlyList<CaptureInput> inputs, CancellationToken cancellationToken = default)
    {
        MemoryTrace.Start();
        var topology = _options.TopologyFile is null ? null : TopologyFile.Load(_options.TopologyFile);
        var credentials = _options.CredentialsFile is null ? null : CredentialsFile.Load(_options.CredentialsFile);
        var selection = _options.Selection;
        SelectedTraffic? traffic = null;
        if (selection.NeedsTwoPasses)
        {
            // A call's media is known from its SDP: the first pass finds the call, the second analyses it alone.
            var segments = selection.CallId is { } callId ? new CallSegments(callId) : null;
            var first = await RunPassAsync(inputs, selection.WithoutTraffic(), null, topology, credentials, cancellationToken, segments).ConfigureAwait(false);
            traffic = SelectedTraffic.From(first, selection, segments);
        }
        return await RunPassAsync(inputs, selection, traffic, topology, credentials, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="segments">The first pass of a call selection records where the call's TCP messages lie here.</param>
    private async Task<AnalysisResult> RunPassAsync(IReadOnlyList<CaptureInput> inputs, PacketSelection selection, SelectedTraffic? traffic,
        TopologyFile? topology, CredentialsFile? credentials, CancellationToken cancellationToken, CallSegments? segments = null)
    {
        var result = new AnalysisResult();
        // A connection kept in part has holes where other calls' segments were: a jump ahead is one of those, not a
        // segment to wait for, so the reassembly resynchronises on the next message at once.
        var limits = _options.Limits;
        var points = new CapturePointTable(limits.Sip)
        {
            TcpLimits = traffic?.KeepsPartsOfConnections == true ? (limits.Tcp ?? new TcpReassemblyLimits()) with { MaxOutOfOrderSegments = 0 } : limits.Tcp,
            TcpBudget = new TcpBufferBudget(limits.TcpBufferBytes),
            SingleInput = inputs.Count == 1 && inputs[0].InterfacePoints.Count == 0,
        };
        var evidence = new PathEvidence();
        if (topology is not null) evidence.Neighbors.Topology = topology;
        var rtp = new RtpEngine(limits.Rtp) { ForcedPorts = _options.RtpPorts };
        var gate = selection.IsEmpty ? null : new PacketGate(selection, traffic);
        using var dispatcher = new PacketDispatcher(result, points, evidence, rtp, _options.Pipelined && Environment.ProcessorCount > 1, gate, limits.FlowSlots)
        {
            SipParsing = _options.SipParsing,
        };
        dispatcher.Stage.CallSegments = segments;
        if (traffic?.KeepsPartsOfConnections == true) dispatcher.Stage.TcpCallId = selection.CallId;
        Progress.TotalBytes = inputs.Sum(i => i.Path != "-" && File.Exists(i.Path) ? new FileInfo(i.Path).Length : 0);

        for (int index = 0; index < inputs.Count; index++)
        {
            var capture = new CaptureResult { Index = index, Input = inputs[index] };
            result.Captures.Add(capture);
            dispatcher.BeginCapture(capture);
            using (result.Timings.Measure($"read {Path.GetFileName(capture.Input.Path)}"))
            {
                await ReadOneAsync(capture, dispatcher, cancellationToken).ConfigureAwait(false);
                dispatcher.EndCapture();
            }
            result.Protocols.Add(capture.Protocols);
        }
        // Completing the engines takes a while on a large capture and checks for no interrupt: stop before it.
        cancellationToken.ThrowIfCancellationRequested();

        Complete(result, points, evidence, rtp, topology, credentials);
        return result;
    }

    private void Complete(AnalysisResult result, CapturePointTable points, PathEvidence evidence, RtpEngine rtp,
        TopologyFile? topology, CredentialsFile? credentials)
    {
        points.AssignNames();
        var pointFindings = new List<PointFinding>();
        var pathAnalyzer = new PathAnalyzer(evidence, topology, credentials);
        using (result.Timings.Measure("finish engines"))
            foreach (var point in points.Points)
            {
                point.Tcp.Complete();
                point.Ip.Flush(point.EngineTimeNs);
                point.Sip.Finish(point.EngineTimeNs == long.MinValue ? 0 : point.EngineTimeNs);
                result.Points.Add(point);
            }
        Scans.SplitScans.Promote(points.Points.Select(p => p.Sip.Scans));
        Scans.SweptServers.Promote(points.Points.Select(p => p.Sip.Scans));
        var pathTiming = result.Timings.Measure("paths");
        foreach (var point in points.Points)
        {
            var paths = pathAnalyzer.Analyze(point.Sip.Transactions, point.Sip.Registrations, point.Sip.Scans,
                s => s.InterfaceId == point.InterfaceId && point.Captures.Contains(s.Capture), point.PortOwnerMac,
                new RetentionCuts(point.Sip.Statistics.Evictions.RegistrationsNotRetained > 0, point.Sip.Statistics.Evictions.TransactionsNotRetained > 0));
            result.Paths.AddRange(paths.Paths);
            pointFindings.AddRange(paths.Findings.Select(f => new PointFinding(point, f)));
            CountEvictions(result, point);
            CountSipAnomalies(result, point);
        }
        // Messages that travelled in IP fragments and never arrived whole: nothing of them reached the SIP engines.
        pointFindings.AddRange(FragmentLossFinding.Find(points.Points, evidence.Icmp.Errors));
        pathTiming.Dispose();
        var mediaTiming = result.Timings.Measure("media");

        var allStreams = rtp.Streams;
        result.RtpStreams.AddRange(allStreams);
        result.RtcpReports.AddRange(rtp.RtcpReports);
        result.Protocols.Rtp = rtp.Counters.RtpPackets;
        result.Protocols.Rtcp = rtp.Counters.RtcpPackets;
        result.Protocols.T38 = rtp.Counters.T38Packets;
        var linker = new RtpCallLinker(_options.RtpFindings);
        // Media is judged per capture point, against the SDP seen at that point: behind a NAT or ALG each point
        // sees other addresses, and a point on the way sees only the streams that reached it.
        var linked = new List<(CapturePoint Point, List<CallMedia> Calls, List<RtpStream> Streams)>();
        var seen = new Dictionary<string, MediaDirections>(StringComparer.Ordinal);
        foreach (var point in points.Points)
        {
            var sessions = MediaSessions.From(point.Sip.Dialogs).ToList();
            var streams = allStreams.Where(s => s.Key.InterfaceId == point.InterfaceId && point.Captures.Contains(s.Key.Capture)).ToList();
            var calls = linker.Link(sessions, streams);
            result.Calls.AddRange(calls);
            linked.Add((point, calls, streams));
            foreach (var call in calls) seen[call.Session.CallId] = seen.GetValueOrDefault(call.Session.CallId).With(call);
        }
        // With several points the media verdict uses every point; a point the media never passes owes none.
        var notOnPath = new Dictionary<string, (CapturePoint Point, MediaSession Session)>(StringComparer.Ordinal);
        var judged = new HashSet<string>(StringComparer.Ordinal);
        var notCaptured = new List<(CapturePoint Point, List<MediaSession> Sessions)>();
        var endpointsNotCaptured = new List<(CapturePoint Point, List<MediaSession> Sessions)>();
        foreach (var (point, calls, streams) in linked)
        {
            var vantage = new MediaVantage
            {
                OnPath = s => MediaPath.Passes(point, evidence, s), SeenAnywhere = seen,
                // Every RTP stream is made of non-SIP datagrams, so none of those means no media at all was kept.
                SignalingOnly = point.NonSipDatagrams == 0,
                SawDatagramsOf = a => point.DatagramHosts.Saw(point.Index, a),
            };
            var media = linker.Evaluate(calls, streams, vantage);
            foreach (var f in media) if (f.CallId is not null) judged.Add(f.CallId);
            foreach (var s in vantage.NotOnPath) notOnPath.TryAdd(s.CallId, (point, s));
            if (vantage.NotCaptured.Count > 0) notCaptured.Add((point, vantage.NotCaptured));
            if (vantage.EndpointsNotCaptured.Count > 0) endpointsNotCaptured.Add((point, vantage.EndpointsNotCaptured));
            pointFindings.AddRange(media.Select(f => new PointFinding(point, f)));
        }
        void NotCaptured(List<(CapturePoint Point, List<MediaSession> Sessions)> unjudged, Func<CapturePoint, List<MediaSession>, Finding> build)
        {
            foreach (var (point, sessions) in unjudged)
            {
                var calls = sessions.Where(s => !judged.Contains(s.CallId)).ToList();
                foreach (var s in calls) notOnPath.Remove(s.CallId);
                if (calls.Count > 0)
                    pointFindings.Add(new PointFinding(point, build(point, calls)));
            }
        }
        NotCaptured(notCaptured, (point, calls) => MediaNotCapturedFinding.Build(point.Name, point.Packets, calls));
        NotCaptured(endpointsNotCaptured, (point, calls) => MediaNotCapturedFinding.BuildForEndpoints(point.Name, calls));
        var unseen = notOnPath.Values.Where(v => !judged.Contains(v.Session.CallId)).ToList();
        if (unseen.Count > 0)
            pointFindings.Add(new PointFinding(unseen[0].Point, MediaNotOnPathFinding.Build(unseen.Select(v => v.Session).ToList())));
        mediaTiming.Dispose();
        var crossTiming = result.Timings.Measure("cross-point");
        var (correlation, findings) = CrossPointAnalysis.Run(points.Points, pointFindings);
        crossTiming.Dispose();
        result.Correlation = correlation;
        result.Topology = topology;
        result.TcpConnections.AddRange(evidence.Handshakes.Connections);
        result.Icmp = evidence.Icmp;
        result.Lookups = evidence.Lookups;
        result.Findings.AddRange(findings);
        result.AddEvictions("rtp-streams", rtp.Counters.StreamsDropped);
        result.AddEvictions("neighbors", evidence.Neighbors.DroppedObservations);
        result.AddEvictions("icmp-errors", evidence.Icmp.Dropped);
        result.AddEvictions("arp-lookups", evidence.Lookups.Dropped);
        result.AddEvictions("tcp-handshakes", evidence.Handshakes.Dropped);
        result.AddEvictions("rtp-candidates", rtp.Counters.CandidatesEvicted);
        result.AddEvictions("rtp-expectations", rtp.Counters.ExpectationsEvicted);
        result.AddEvictions("rtcp-reports", rtp.Counters.RtcpReportsDropped);
        result.AddEvictions("rtp-time-series", rtp.Counters.TimeSeriesNotKept);
        result.AddEvictions("capture-points", points.MergedInterfaces);

        using (result.Timings.Measure("causes"))
            result.Causes.AddRange(Diagnosis.CauseBuilder.Build(result.Findings, result.Paths, topology));
    }

    // The SIP engine's oddities (unparsable messages, responses without a request, duplicate headers …) join
    // the report's anomalies, prefixed "sip:", so a broken or hostile capture says what it met.
    private static void CountSipAnomalies(AnalysisResult result, CapturePoint point)
    {
        foreach (var (kind, tally) in point.Sip.Statistics.Anomalies.OrderBy(a => a.Key, StringComparer.Ordinal))
            result.Anomalies.Merge("sip:" + kind, tally.Count, tally.Frames);
    }

    private static void CountEvictions(AnalysisResult result, CapturePoint point)
    {
        var sip = point.Sip.Statistics.Evictions;
        result.AddEvictions("sip-transactions", sip.Transactions);
        result.AddEvictions("sip-scan-like-transactions", sip.ScanLikeTransactions);
        result.AddEvictions("sip-dialogs", sip.Dialogs);
        result.AddEvictions("sip-registration-bindings", sip.RegistrationBindings);
        result.AddEvictions("sip-resend-entries", sip.ResendEntries);
        result.AddEvictions("sip-transactions-not-retained", sip.TransactionsNotRetained);
        result.AddEvictions("sip-dialogs-not-retained", sip.DialogsNotRetained);
        result.AddEvictions("sip-registrations-not-retained", sip.RegistrationsNotRetained);
        result.AddEvictions("sip-messages-not-retained", sip.MessagesNotRetained);
        result.AddEvictions("sip-dialog-history-not-retained", sip.DialogHistoryNotRetained);
        result.AddEvictions("sip-dialog-tags-not-indexed", sip.DialogTagsNotIndexed);
        result.AddEvictions("sip-registration-history-not-retained", sip.RegistrationHistoryNotRetained);
        result.AddEvictions("sip-contacts-not-parsed", sip.ContactsNotParsed);
        result.AddEvictions("sdp-media-not-parsed", sip.SdpMediaNotParsed);
        result.AddEvictions("sip-scan-servers", point.Sip.Scans.DroppedRequests);
        result.AddEvictions("tcp-connections", point.Tcp.Counters.ConnectionsEvicted);
        result.AddEvictions("tcp-oversize-messages", point.Tcp.Counters.OversizeMessages);
        result.AddEvictions("tcp-buffer-budget", point.Tcp.Counters.BudgetDrops);
        var ip = point.Ip.Stats;
        // Datagrams given up for the reassembler's own limits. Not those whose time ran out: their other fragments
        // never came (the network lost them, and sip-fragments-lost says so), and keeping them would not have helped.
        result.AddEvictions("sip-fragmented-messages", point.FragmentedSip.NotKept);
        result.AddEvictions("ip-fragments", ip.EvictedDatagramLimit + ip.EvictedMemoryLimit + ip.DroppedTooLarge + ip.DroppedTooManyPieces);
    }

    private async Task ReadOneAsync(CaptureResult capture, PacketDispatcher dispatcher, CancellationToken cancellationToken)
    {
        CaptureReader reader;
        try
        {
            reader = _options.OpenInput is { } open
                ? new CaptureReader(open(capture.Input), capture.Index, capture.Input.Path)
                : CaptureReader.Open(capture.Input.Path, capture.Index);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            capture.NotFound = true;
            capture.Error = $"{capture.Input.Path}: cannot open: {e.Message}";
            return;
        }

        Progress.CurrentFile = capture.Input.Path;
        Progress.CurrentReader = reader;
        try
        {
            capture.Summary = await reader.ReadAsync(new PacketDispatcherSink(dispatcher), cancellationToken).ConfigureAwait(false);
        }
        catch (CaptureFormatException e)
        {
            capture.Error = $"{capture.Input.Path}: {e.Message}";
            capture.Summary = reader.Summary;
        }
        finally
        {
            long rawBytes = reader.RawBytesRead;
            reader.Stream.Dispose();
            Progress.FileDone(rawBytes);
        }
    }
}
