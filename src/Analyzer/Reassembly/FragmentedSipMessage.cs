using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// A SIP message over UDP that travelled in IP fragments, as one capture point saw it: named by the head its
/// first fragment carries, with what arrived of it.
/// </summary>
public sealed class FragmentedSipMessage
{
    /// <summary>Frames kept per message: the first fragments of its copies tell the story.</summary>
    public const int MaxFrames = 16;

    public required int Point { get; init; }
    public required NetAddress SourceIp { get; init; }
    public required ushort SourcePort { get; init; }
    public required NetAddress DestinationIp { get; init; }
    public required ushort DestinationPort { get; init; }
    /// <summary>The datagram's identification (IPv4 id, IPv6 fragment header's): what an ICMP error quoting it names.</summary>
    public required uint FragmentId { get; init; }
    public required SipHead Head { get; init; }
    /// <summary>SIP bytes (the UDP payload) in the first fragment.</summary>
    public required int FirstFragmentBytes { get; init; }
    /// <summary>The whole message's SIP bytes, known once its last fragment arrived; -1 when it never did.</summary>
    public int TotalBytes { get; internal set; } = -1;
    /// <summary>Fragments of this datagram seen here, the first included.</summary>
    public int FragmentsSeen { get; internal set; }
    /// <summary>True when every fragment arrived and the message was reassembled.</summary>
    public bool Complete { get; internal set; }
    /// <summary>Incomplete because the capture ended while its other fragments could still have come.</summary>
    public bool CutByCaptureEnd { get; internal set; }
    public required long FirstNs { get; init; }
    public long LastNs { get; internal set; }
    /// <summary>The fragments' frames, the first one first (at most <see cref="MaxFrames"/>).</summary>
    public List<FrameRef> Frames { get; } = new();

    public string Source => EndpointText.Of(SourceIp, SourcePort);
    public string Destination => EndpointText.Of(DestinationIp, DestinationPort);

    /// <summary>The same message (its retransmissions, or its copy at another point): Call-ID, CSeq and start line.</summary>
    public bool SameMessageAs(FragmentedSipMessage other) =>
        Head.CallId == other.Head.CallId && Head.CSeq == other.Head.CSeq && Head.StartLine == other.Head.StartLine;
}
