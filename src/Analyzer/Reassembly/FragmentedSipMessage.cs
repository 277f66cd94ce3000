using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// A SIP message over UDP that travelled in IP fragments, as one capture point saw it: named by the head its
/// first fragment carries, with what arrived of it. Its copies (retransmissions, each a datagram of its own) are
/// one message once they are over: lost copies with lost copies, whole ones with whole ones.
/// </summary>
public sealed class FragmentedSipMessage
{
    /// <summary>Frames kept per message (its copies' fragments): as many as a finding cites.</summary>
    public const int MaxFrames = 64;
    /// <summary>Identifications kept per message (one per copy).</summary>
    public const int MaxFragmentIds = 64;

    public required int Point { get; init; }
    public required NetAddress SourceIp { get; init; }
    public required ushort SourcePort { get; init; }
    public required NetAddress DestinationIp { get; init; }
    public required ushort DestinationPort { get; init; }
    /// <summary>The copies' datagram identifications (IPv4 id, IPv6 fragment header's): what an ICMP error quoting one names.</summary>
    public List<uint> FragmentIds { get; } = new(1);
    /// <summary>Datagrams of this message, each a copy of it.</summary>
    public int Copies { get; internal set; } = 1;
    public required SipHead Head { get; init; }
    /// <summary>SIP bytes (the UDP payload) in the first fragment.</summary>
    public required int FirstFragmentBytes { get; init; }
    /// <summary>The whole message's SIP bytes, known once its last fragment arrived; -1 when it never did.</summary>
    public int TotalBytes { get; internal set; } = -1;
    /// <summary>Fragments of this datagram seen here, the first included.</summary>
    public int FragmentsSeen { get; internal set; }
    /// <summary>True when every fragment arrived and the message was reassembled.</summary>
    public bool Complete { get; internal set; }
    /// <summary>Incomplete because the capture ended while its other fragments could still have come (every copy).</summary>
    public bool CutByCaptureEnd { get; internal set; }
    public required long FirstNs { get; init; }
    public long LastNs { get; internal set; }
    /// <summary>The fragments' frames, the first one first (at most <see cref="MaxFrames"/>).</summary>
    public List<FrameRef> Frames { get; } = new();

    public string Source => EndpointText.Of(SourceIp, SourcePort);
    public string Destination => EndpointText.Of(DestinationIp, DestinationPort);

    /// <summary>Takes in another copy of the same message, seen at the same point with the same outcome.</summary>
    internal void Absorb(FragmentedSipMessage copy)
    {
        Copies += copy.Copies;
        LastNs = Math.Max(LastNs, copy.LastNs);
        TotalBytes = Math.Max(TotalBytes, copy.TotalBytes);
        FragmentsSeen = Math.Max(FragmentsSeen, copy.FragmentsSeen);
        CutByCaptureEnd &= copy.CutByCaptureEnd;
        foreach (var frame in copy.Frames)
            if (Frames.Count < MaxFrames) Frames.Add(frame);
        foreach (uint id in copy.FragmentIds)
            if (FragmentIds.Count < MaxFragmentIds) FragmentIds.Add(id);
    }
}
