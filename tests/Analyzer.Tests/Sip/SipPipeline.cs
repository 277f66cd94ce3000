using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// A fixture through our parser and TCP reassembly into the engine, with packets read by SharpPcap and
/// PacketDotNet (our own reader and decoder are tested elsewhere): UDP payloads are parsed as they are,
/// TCP segments framed into messages first. Bytes that are not SIP are skipped, as the detector would.
/// </summary>
internal sealed class SipPipeline : ISipMessageSink
{
    private readonly SipEngine _engine;

    private SipPipeline(SipEngine engine) => _engine = engine;

    public static SipEngine Run(string fixture, SipEngineOptions? options = null)
    {
        var engine = new SipEngine(options);
        var pipeline = new SipPipeline(engine);
        var tcp = new TcpReassembler();
        long last = 0;
        foreach (var packet in FixturePackets.Read(Fixtures.Path(fixture)))
        {
            last = packet.TimestampNs;
            var meta = FixturePacketMeta.MetaOf(packet);
            if (packet.IsUdp) pipeline.OnSipMessage(meta, packet.Payload);
            else if (packet.IsTcp) tcp.OnSegment(meta, packet.Frame, packet.Payload, pipeline);
            else engine.OnTime(packet.TimestampNs);
        }
        tcp.Complete();
        engine.Finish(last);
        return engine;
    }

    public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message)
    {
        if (SipParser.TryParse(message, out var parsed)) _engine.OnMessage(meta, parsed!);
        else _engine.OnTime(meta.TimestampNs);
    }
}
