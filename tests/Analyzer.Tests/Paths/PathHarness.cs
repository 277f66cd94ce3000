using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// Runs the path analysis over a real capture: our reader and frame decoder feed the path evidence and the
/// packet facts, tshark supplies the SIP messages, our SIP engine builds transactions from them.
/// </summary>
internal static class PathHarness
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PcapSipAnalyzer.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static string Fixture(params string[] parts) => Path.Combine([RepoRoot(), "tests", "fixtures", .. parts]);

    public static async Task<PathAnalysisResult> AnalyzeAsync(string capture, TopologyFile? topology = null,
                                                              CredentialsFile? credentials = null)
    {
        var sink = new Sink(TsharkSip.Read(capture));
        var reader = CaptureReader.Open(capture);
        try { await reader.ReadAsync(sink); }
        finally { reader.Stream.Dispose(); }

        var engine = new SipEngine();
        foreach (var (meta, message) in sink.Messages) engine.OnMessage(meta, message);
        engine.Finish(sink.LastTimestampNs);
        return new PathAnalyzer(sink.Evidence, topology, credentials).Analyze(engine.Transactions, engine.Registrations);
    }

    private sealed class Sink(Dictionary<long, SipMessage> sip) : IPacketSink
    {
        private DecodedFrame _frame;
        public PathEvidence Evidence { get; } = new();
        public List<(PacketMeta, SipMessage)> Messages { get; } = new();
        public long LastTimestampNs { get; private set; }

        public void OnInterface(CaptureInterface captureInterface) { }

        public void OnPacket(in CapturedPacket packet)
        {
            FrameDecoder.Decode(packet.LinkType, packet.Data, ref _frame);
            Evidence.Observe(packet.CaptureIndex, packet.InterfaceId, packet.FrameNumber, packet.TimestampNs, in _frame);
            LastTimestampNs = Math.Max(LastTimestampNs, packet.TimestampNs);
            if (sip.TryGetValue(packet.FrameNumber, out var message))
            {
                var transport = _frame.Has(FrameLayers.Tcp) ? Transport.Tcp : Transport.Udp;
                Messages.Add((PacketMeta.From(packet, _frame, transport), message));
            }
        }
    }
}
