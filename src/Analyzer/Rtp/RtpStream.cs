using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// One RTP stream at one capture point: its statistics, first and last frame, the payload types it used and,
/// when an SDP announced it, the call it belongs to. Fixed size: nothing grows with its packets.
/// </summary>
public sealed class RtpStream
{
    internal RtpStreamStatistics Stats;
    internal RtpTimeSeries Series;
    // Bit i set = payload type i seen (0–127).
    private ulong _typesLow;
    private ulong _typesHigh;

    internal RtpStream(in RtpStreamKey key, RtpStreamOrigin origin)
    {
        Key = key;
        Origin = origin;
    }

    public RtpStreamKey Key { get; }
    public RtpStreamOrigin Origin { get; internal set; }
    /// <summary>False while a heuristic candidate has not yet shown enough packets in sequence.</summary>
    public bool Confirmed { get; internal set; }
    /// <summary>Call-ID of the SDP that announced one of its endpoints; null for heuristic streams.</summary>
    public string? CallId { get; internal set; }
    internal RtpPayloadMap? PayloadMap { get; set; }
    /// <summary>An SDP gave one of its endpoints to another protocol (T.38); packets are ignored until RTP is back.</summary>
    internal bool Suspended { get; set; }

    public FrameRef FirstFrame { get; internal set; }
    public FrameRef LastFrame { get; internal set; }
    public long StartNs { get; internal set; }
    public long EndNs { get; internal set; }
    /// <summary>
    /// RTCP round-trip time of this stream's source in ms, from a receiver report that echoes one of its sender
    /// reports (RFC 3550 §6.4.1: arrival − LSR − DLSR, times taken at the capture point); null when none did.
    /// </summary>
    public double? RoundTripMs { get; internal set; }

    public NetAddress Source => Key.Source;
    public ushort SourcePort => Key.SourcePort;
    public NetAddress Destination => Key.Destination;
    public ushort DestinationPort => Key.DestinationPort;
    public uint Ssrc => Key.Ssrc;
    public RtpStreamStatistics Statistics => Stats;
    /// <summary>Packets, loss and jitter over the stream's life, in at most <see cref="RtpTimeSeries.Capacity"/> slices.</summary>
    public RtpTimeSeries TimeSeries => Series;

    /// <summary>Payload type of the first packet.</summary>
    public byte FirstPayloadType { get; internal set; }

    // Heuristic confirmation: the last packet's sequence number and timestamp, and how many in a row followed.
    internal ushort CandidateSequence;
    internal uint CandidateTimestamp;
    internal int CandidateRun;

    // Name of each payload type as it was when first seen (Wireshark names it then, and keeps the name even
    // if a later SDP maps the number to something else). Grows only with distinct payload types (≤ 128).
    private List<(byte PayloadType, string Name)>? _names;

    internal void NotePayloadType(byte pt)
    {
        ulong bit = 1UL << (pt & 63);
        ref ulong bits = ref pt < 64 ? ref _typesLow : ref _typesHigh;
        if ((bits & bit) != 0)
            return;
        bits |= bit;
        (_names ??= new List<(byte, string)>(2)).Add((pt, RtpPayloadMap.NameOf(pt, PayloadMap)));
    }

    /// <summary>The payload types seen, ascending.</summary>
    public IEnumerable<int> PayloadTypes
    {
        get
        {
            for (int pt = 0; pt < 128; pt++)
            {
                ulong bits = pt < 64 ? _typesLow : _typesHigh;
                if ((bits & (1UL << (pt & 63))) != 0)
                    yield return pt;
            }
        }
    }

    /// <summary>The payload column of Wireshark's stream table: every type's name, by type number.</summary>
    public string PayloadNames =>
        _names is null ? "" : string.Join(", ", _names.OrderBy(n => n.PayloadType).Select(n => n.Name));

    /// <summary>A Wireshark display filter for this stream's packets.</summary>
    public string WiresharkFilter
    {
        get
        {
            string ip = Key.Source.IsV6 ? "ipv6" : "ip";
            return $"rtp.ssrc == 0x{Key.Ssrc:x8} && {ip}.src == {Key.Source} && udp.srcport == {Key.SourcePort}"
                + $" && {ip}.dst == {Key.Destination} && udp.dstport == {Key.DestinationPort}";
        }
    }

    public override string ToString() =>
        $"{Key.Source.ToString(Key.SourcePort)} -> {Key.Destination.ToString(Key.DestinationPort)} ssrc 0x{Key.Ssrc:X8}";
}
