using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>One ICMP/ICMPv6 error seen in a capture, with the packet it quotes and the router that sent it.</summary>
public sealed class IcmpError
{
    public required FrameRef Frame { get; init; }
    public long TimestampNs { get; init; }
    public SegmentKey Segment { get; init; }
    public required IcmpErrorKind Kind { get; init; }
    public bool IsV6 { get; init; }
    public byte Type { get; init; }
    public byte Code { get; init; }
    /// <summary>The reporting router (or host): the ICMP packet's source.</summary>
    public NetAddress ReporterIp { get; init; }
    public MacAddress ReporterMac { get; init; }
    /// <summary>Where the error was sent (the quoted packet's sender, normally).</summary>
    public NetAddress DestinationIp { get; init; }
    /// <summary>Redirect: the better gateway the router names.</summary>
    public NetAddress Gateway { get; init; }
    public required QuotedPacketKey Quoted { get; init; }

    /// <summary>
    /// A port unreachable sent by the addressed host itself: the packet arrived and no socket took it. A router or
    /// firewall that rejects a packet it forwards answers from its own address instead.
    /// </summary>
    public bool FromClosedPort => (IsV6 ? Type == 1 && Code == 4 : Type == 3 && Code == 3) && ReporterIp == Quoted.Destination;

    /// <summary>
    /// A router on the way (not the addressed host) could not forward the quoted packet: no route, a filter, a TTL
    /// run out in a loop. Not a reassembly timeout (the receiver got part of it) or a packet too big (an MTU).
    /// </summary>
    public bool ForwardingFailed =>
        (Kind is IcmpErrorKind.Unreachable or IcmpErrorKind.AdministrativelyProhibited || (Kind == IcmpErrorKind.TimeExceeded && Code == 0))
        && !FromClosedPort && ReporterIp != Quoted.Destination;

    /// <summary>How many times errors were sent: each capture point sees the same ones, so the most any one point saw.</summary>
    public static int TimesSent(IEnumerable<IcmpError> errors) => errors.GroupBy(e => e.Segment).Max(g => g.Count());

    /// <summary>Plain words for the type and code: "host unreachable", "redirect to 192.168.0.1", ….</summary>
    public string Reason => IsV6 ? ReasonV6() : ReasonV4();

    private string ReasonV4() => Type switch
    {
        3 => Code switch
        {
            0 => "network unreachable",
            1 => "host unreachable",
            2 => "protocol unreachable",
            3 => "port unreachable",
            4 => "fragmentation needed (packet too big)",
            5 => "source route failed",
            6 => "destination network unknown",
            7 => "destination host unknown",
            9 => "destination network administratively prohibited",
            10 => "destination host administratively prohibited",
            13 => "communication administratively prohibited",
            _ => $"destination unreachable (code {Code})",
        },
        4 => "source quench",
        5 => $"redirect: use gateway {Gateway}" + (Code is 1 or 3 ? " for this host" : " for this network"),
        11 => Code == 0 ? "TTL exceeded in transit" : "fragment reassembly time exceeded",
        12 => "parameter problem",
        _ => $"ICMP type {Type} code {Code}",
    };

    private string ReasonV6() => Type switch
    {
        1 => Code switch
        {
            0 => "no route to destination",
            1 => "communication administratively prohibited",
            3 => "address unreachable",
            4 => "port unreachable",
            5 => "source address failed ingress/egress policy",
            6 => "reject route to destination",
            _ => $"destination unreachable (code {Code})",
        },
        2 => "packet too big",
        3 => Code == 0 ? "hop limit exceeded in transit" : "fragment reassembly time exceeded",
        4 => "parameter problem",
        137 => $"redirect: use gateway {Gateway}",
        _ => $"ICMPv6 type {Type} code {Code}",
    };

    /// <summary>Classifies an ICMP (v4) or ICMPv6 error type/code; false for messages that are not errors.</summary>
    public static bool TryClassify(bool isV6, byte type, byte code, out IcmpErrorKind kind)
    {
        kind = default;
        if (!isV6)
        {
            switch (type)
            {
                case 3: kind = code is 9 or 10 or 13 ? IcmpErrorKind.AdministrativelyProhibited
                        : code == 4 ? IcmpErrorKind.PacketTooBig : IcmpErrorKind.Unreachable; return true;
                case 4: kind = IcmpErrorKind.SourceQuench; return true;
                case 5: kind = IcmpErrorKind.Redirect; return true;
                case 11: kind = IcmpErrorKind.TimeExceeded; return true;
                case 12: kind = IcmpErrorKind.ParameterProblem; return true;
                default: return false;
            }
        }
        switch (type)
        {
            case 1: kind = code is 1 or 5 or 6 ? IcmpErrorKind.AdministrativelyProhibited : IcmpErrorKind.Unreachable; return true;
            case 2: kind = IcmpErrorKind.PacketTooBig; return true;
            case 3: kind = IcmpErrorKind.TimeExceeded; return true;
            case 4: kind = IcmpErrorKind.ParameterProblem; return true;
            case 137: kind = IcmpErrorKind.Redirect; return true;
            default: return false;
        }
    }
}
