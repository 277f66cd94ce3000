using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// Feeds a fixture's TCP segments (read by SharpPcap/PacketDotNet) through a <see cref="TcpReassembler"/>
/// and collects the framed messages per frame, parsed by <see cref="SipParser"/>.
/// </summary>
internal sealed class TcpFixtureFeed : ISipMessageSink
{
    public TcpReassembler Reassembler { get; }
    public SortedDictionary<long, List<SipMessage>> MessagesByFrame { get; } = new();
    public int Unparsable { get; private set; }

    public TcpFixtureFeed(TcpReassemblyLimits? limits = null) => Reassembler = new TcpReassembler(limits);

    /// <summary>Runs every TCP segment of <paramref name="fixture"/> (relative to tests/fixtures).</summary>
    public static TcpFixtureFeed Run(string fixture, TcpReassemblyLimits? limits = null) =>
        RunFile(Fixtures.PathOf(fixture), limits);

    /// <summary>Runs every TCP segment of the capture file at <paramref name="path"/>.</summary>
    public static TcpFixtureFeed RunFile(string path, TcpReassemblyLimits? limits = null)
    {
        var feed = new TcpFixtureFeed(limits);
        foreach (var packet in FixturePackets.Read(path))
        {
            if (packet.IsTcp) feed.Feed(packet, packet.Payload);
        }
        feed.Reassembler.Complete();
        return feed;
    }

    public void Feed(FixturePacket packet, ReadOnlySpan<byte> payload)
    {
        var meta = FixturePacketMeta.MetaOf(packet);
        var frame = packet.Frame;
        Reassembler.OnSegment(meta, frame, payload, this);
    }

    public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message)
    {
        if (!SipParser.TryParse(message, out var parsed))
        {
            Unparsable++;
            return;
        }
        if (!MessagesByFrame.TryGetValue(meta.Frame, out var list)) MessagesByFrame[meta.Frame] = list = new List<SipMessage>();
        list.Add(parsed!);
    }

    public int MessageCount => MessagesByFrame.Values.Sum(l => l.Count);
}
