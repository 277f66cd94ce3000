using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Every ICMP/ICMPv6 error that quotes a packet, indexed by what it quotes, so that a SIP message's packet
/// (addresses, ports, IP id) finds the errors about it: "the router 192.168.0.254 answered the PBX's 401 with a
/// redirect to 192.168.0.1". Errors are rare, so each one is kept as an object; the count is capped.
/// </summary>
public sealed class IcmpEvidence
{
    private readonly Dictionary<QuotedPacketKey, List<IcmpError>> _byPacket = new();
    private readonly Dictionary<QuotedPacketKey, List<IcmpError>> _byFlow = new();
    private readonly List<IcmpError> _all = new();
    private readonly int _maxErrors;

    public IcmpEvidence(int maxErrors = 100_000) => _maxErrors = maxErrors;

    public IReadOnlyList<IcmpError> Errors => _all;
    /// <summary>Errors not kept because the cap was reached.</summary>
    public long Dropped { get; private set; }

    /// <summary>Records the frame if it is an ICMP error quoting a packet; returns true when it was one.</summary>
    /// <param name="segmentCapture">The input whose links the frame's link belongs to (a continued ring-buffer file names the first); -1 = <paramref name="capture"/>.</param>
    public bool Observe(int capture, int interfaceId, long frameNumber, long timestampNs, in DecodedFrame frame, int segmentCapture = -1)
    {
        if (!frame.Has(FrameLayers.IcmpQuote)) return false;
        bool v6 = frame.Has(FrameLayers.Icmpv6);
        if (!v6 && !frame.Has(FrameLayers.Icmp)) return false;
        if (!IcmpError.TryClassify(v6, frame.IcmpType, frame.IcmpCode, out var kind)) return false;
        if (_all.Count >= _maxErrors) { Dropped++; return true; }
        var error = new IcmpError
        {
            Frame = new FrameRef(capture, frameNumber),
            TimestampNs = timestampNs,
            Segment = new SegmentKey(segmentCapture < 0 ? capture : segmentCapture, interfaceId, frame.OuterVlan),
            Kind = kind,
            IsV6 = v6,
            Type = frame.IcmpType,
            Code = frame.IcmpCode,
            ReporterIp = frame.SourceIp,
            ReporterMac = frame.SourceMac,
            DestinationIp = frame.DestinationIp,
            Gateway = frame.IcmpGateway,
            Quoted = new QuotedPacketKey(frame.QuotedSourceIp, frame.QuotedDestinationIp, frame.QuotedProtocol,
                                         frame.QuotedSourcePort, frame.QuotedDestinationPort, frame.QuotedIpId),
        };
        Add(error);
        return true;
    }

    public void Add(IcmpError error)
    {
        _all.Add(error);
        AddTo(_byPacket, error.Quoted, error);
        AddTo(_byFlow, error.Quoted.Flow, error);
    }

    /// <summary>
    /// The errors quoting exactly this packet. IPv4 packets are matched by IP id too; where the id is 0 (IPv6,
    /// or stacks that send DF packets with id 0) every error about the flow matches, which is as close as the
    /// quote allows.
    /// </summary>
    public IReadOnlyList<IcmpError> Quoting(in PacketMeta packet)
    {
        var key = KeyOf(packet);
        if (key.IpId != 0) return _byPacket.TryGetValue(key, out var exact) ? exact : [];
        return _byFlow.TryGetValue(key.Flow, out var flow) ? flow : [];
    }

    /// <summary>Every error about packets of the flow (any IP id).</summary>
    public IReadOnlyList<IcmpError> QuotingFlow(in PacketMeta packet) =>
        _byFlow.TryGetValue(KeyOf(packet).Flow, out var flow) ? flow : [];

    /// <summary>Every error about packets of <paramref name="flow"/> (its IP id ignored).</summary>
    public IReadOnlyList<IcmpError> QuotingFlow(QuotedPacketKey flow) =>
        _byFlow.TryGetValue(flow.Flow, out var errors) ? errors : [];

    /// <summary>The errors quoting a segment of the connection, either way, seen where the handshake was seen.</summary>
    public List<IcmpError> About(TcpHandshake c)
    {
        var found = new List<IcmpError>();
        var k = c.Key;
        foreach (var flow in (ReadOnlySpan<QuotedPacketKey>)[new(k.Server, k.Client, 6, k.ServerPort, k.ClientPort, 0), new(k.Client, k.Server, 6, k.ClientPort, k.ServerPort, 0)])
            foreach (var e in QuotingFlow(flow))
                if (e.Segment.Capture == c.Segment.Capture && e.Segment.InterfaceId == c.Segment.InterfaceId && !found.Contains(e)) found.Add(e);
        return found;
    }

    public static QuotedPacketKey KeyOf(in PacketMeta packet) => new(
        packet.SourceIp, packet.DestinationIp, ProtocolOf(packet.Transport),
        packet.SourcePort, packet.DestinationPort, packet.SourceIp.IsV6 ? (ushort)0 : packet.IpId);

    private static byte ProtocolOf(Transport transport) => transport switch
    {
        Transport.Udp => 17,
        Transport.Sctp => 132,
        _ => 6,
    };

    private static void AddTo(Dictionary<QuotedPacketKey, List<IcmpError>> index, QuotedPacketKey key, IcmpError error)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = new List<IcmpError>(1);
        list.Add(error);
    }
}
