using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// Runs the path analysis over a real capture: our reader and frame decoder feed the path evidence and the
/// packet facts; the SIP messages come either from tshark (an independent oracle) or from our own parser and
/// TCP reassembly; our SIP engine builds transactions from them.
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

    public static async Task<PathAnalysisResult> AnalyzeAsync(string capture, bool tsharkSip = true, TopologyFile? topology = null,
                                                              CredentialsFile? credentials = null)
    {
        var sink = new Sink(tsharkSip ? TsharkSip.Read(capture) : null);
        var reader = CaptureReader.Open(capture);
        try { await reader.ReadAsync(sink); }
        finally { reader.Stream.Dispose(); }

        sink.Engine.Finish(sink.LastTimestampNs);
        return new PathAnalyzer(sink.Evidence, topology, credentials).Analyze(sink.Engine.Transactions, sink.Engine.Registrations, sink.Engine.Scans);
    }

    private sealed class Sink(Dictionary<long, SipMessage>? tshark) : IPacketSink, ISipMessageSink
    {
        private readonly TcpReassembler _tcp = new();
        private DecodedFrame _frame;
        public PathEvidence Evidence { get; } = new();
        public SipEngine Engine { get; } = new();
        public long LastTimestampNs { get; private set; }

        public void OnInterface(CaptureInterface captureInterface) { }

        public void OnPacket(in CapturedPacket packet)
        {
            FrameDecoder.Decode(packet.LinkType, packet.Data, ref _frame);
            Evidence.Observe(packet.CaptureIndex, packet.InterfaceId, packet.FrameNumber, packet.TimestampNs, in _frame);
            LastTimestampNs = Math.Max(LastTimestampNs, packet.TimestampNs);
            var transport = _frame.Has(FrameLayers.Tcp) ? Transport.Tcp : Transport.Udp;
            if (tshark is not null)
            {
                if (tshark.TryGetValue(packet.FrameNumber, out var message))
                    Engine.OnMessage(PacketMeta.From(packet, _frame, transport), message);
                return;
            }
            var payload = packet.Data.Slice(_frame.PayloadOffset, _frame.PayloadLength);
            if (_frame.Has(FrameLayers.Tcp))
                _tcp.OnSegment(PacketMeta.From(packet, _frame, transport), _frame, payload, this);
            else if (_frame.Has(FrameLayers.Udp) && SipDetector.LooksLikeSip(payload))
                OnSipMessage(PacketMeta.From(packet, _frame, transport), payload);
        }

        public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message)
        {
            if (SipParser.TryParse(message, out var parsed) && parsed is not null) Engine.OnMessage(meta, parsed);
        }
    }
}
