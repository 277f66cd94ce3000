using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.Synthesizer.Truth;

namespace PcapSipAnalyzer.Analyzer.Tests.Synthesizer;

/// <summary>
/// Scale: a 100 MB synthesized mix (≈ 370 000 packets, 200 s of 2000 phones; seed 3, made at test time) analysed
/// end to end through <see cref="Analysis"/>, its report equal to the synthesizer's ground truth — SIP counts per
/// method and status with retransmissions, every client's registration outcome and attempts, every RTP stream's
/// packets, expected and lost. The truth itself is checked against tshark by <see cref="SynthesizedCaptureTsharkTests"/>.
/// </summary>
public sealed class SynthesizedScaleTests : IClassFixture<SynthesizedScaleTests.ScaleCapture>
{
    private readonly ScaleCapture _capture;

    public SynthesizedScaleTests(ScaleCapture capture) => _capture = capture;

    /// <summary>The mix, written and analysed once for the class.</summary>
    public sealed class ScaleCapture : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("pcapsip-scale-").FullName;

        public ScaleCapture()
        {
            string path = Path.Combine(_directory, "mix-100MB.pcap");
            CaptureSynthesis.Run(new SynthesisOptions { OutputPath = path, Seed = 3, Phones = 2000, TargetBytes = 100_000_000 });
            Truth = GroundTruth.Load(path + ".truth.json");
            Result = new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]).GetAwaiter().GetResult();
        }

        public GroundTruth Truth { get; }
        public AnalysisResult Result { get; }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void The_whole_file_is_read_without_error_or_anomaly()
    {
        var capture = Assert.Single(_capture.Result.Captures);
        Assert.Null(capture.Error);
        Assert.Equal(_capture.Truth.Packets, capture.Summary.Packets);
        Assert.True(_capture.Truth.FileBytes >= 95_000_000, $"the mix is {_capture.Truth.FileBytes} bytes");
        var point = Assert.Single(_capture.Result.Points);
        Assert.Equal(_capture.Truth.Packets, point.Packets);
        Assert.Equal(0, point.Sip.Statistics.Malformed);
    }

    [Fact]
    public void Sip_counts_per_method_and_status_equal_the_truth()
    {
        var statistics = Assert.Single(_capture.Result.Points).Sip.Statistics;
        var truth = _capture.Truth.Sip;
        Assert.Equal(truth.Messages, statistics.Messages);
        Assert.Equal(truth.Resent, statistics.Retransmissions);
        Assert.Equal(truth.Requests.OrderBy(p => p.Key, StringComparer.Ordinal), statistics.Requests.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(truth.Responses.OrderBy(p => p.Key), statistics.Responses.OrderBy(p => p.Key));
    }

    [Fact]
    public void Every_client_has_its_registration_outcome_in_every_attempt()
    {
        var byCallId = Assert.Single(_capture.Result.Points).Sip.Registrations.GroupBy(r => r.CallId).ToDictionary(g => g.Key, g => g.ToList());
        var wrongGateway = _capture.Result.Findings.Where(f => f.Kind == FindingKind.ResponseWrongGateway).Select(f => f.CallId).ToHashSet();
        Assert.Equal(_capture.Truth.Registrations.Count, byCallId.Count);
        Assert.Equal(5, _capture.Truth.RegistrationOutcomes.Count);
        foreach (var client in _capture.Truth.Registrations)
        {
            var attempts = byCallId[client.CallId];
            Assert.Equal(client.Attempts, attempts.Count);
            // The challenge that left through the other gateway never reached the phone, which never sent
            // credentials: "challenged" at the SIP level, and a wrong-gateway finding names its Call-ID.
            string expected = client.Outcome == "answered-via-other-gateway" ? "challenged" : client.Outcome;
            Assert.All(attempts, a => Assert.Equal((client.CallId, expected), (a.CallId, PcapSipAnalyzer.Analyzer.Sip.RegistrationOutcomes.WireName(a.Outcome))));
            Assert.Equal(client.Outcome == "answered-via-other-gateway", wrongGateway.Contains(client.CallId));
            Assert.All(attempts, a => Assert.Equal($"{client.Address}:{client.Port}", a.Client));
        }
    }

    [Fact]
    public void Every_rtp_stream_has_the_truths_packets_and_losses()
    {
        var streams = _capture.Result.RtpStreams.ToDictionary(s => (s.Source.ToString(), (int)s.SourcePort, s.Destination.ToString(), (int)s.DestinationPort, s.Ssrc));
        Assert.Equal(_capture.Truth.RtpStreams.Count, streams.Count);
        Assert.Contains(_capture.Truth.RtpStreams, s => s.Lost > 0);
        foreach (var truth in _capture.Truth.RtpStreams)
        {
            var stream = streams[(truth.Source, truth.SourcePort, truth.Destination, truth.DestinationPort, truth.Ssrc)];
            var s = stream.Statistics;
            Assert.Equal((truth.CallId, truth.Packets, truth.Expected, truth.Lost, truth.PayloadType),
                         (stream.CallId, s.Packets, s.Expected, s.Lost, (int)stream.FirstPayloadType));
        }
    }
}
