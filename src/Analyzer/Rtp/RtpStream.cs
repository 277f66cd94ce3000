using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// One RTP stream at one capture point: its statistics, first and last frame, the payload types it used and,
/// when an SDP announced it, the call it belongs to. Fixed size: nothing grows with its packets.
/// </summary>
public sealed class RtpStream
{
    // The per-packet state: in a one-element array of its own while the stream is a candidate or retired, in the
    // engine's slots (and _own null) while it is active.
    private RtpStreamState[]? _own;
    private RtpStreamSlots? _slots;
    private int _slot;
    private RtpPayloadMap? _payloadMap;

    /// <param name="slots">
    /// The engine's slots when the stream is active from its first packet (announced, forced ports): its state is made
    /// there at once, not in an array of its own that binding would copy and drop — a flood of new SSRCs made and
    /// threw away one such array per packet.
    /// </param>
    internal RtpStream(in RtpStreamKey key, RtpStreamOrigin origin, RtpStreamSlots? slots = null)
    {
        Key = key;
        Origin = origin;
        if (slots is not null)
        {
            _own = null;
            _slots = slots;
            _slot = slots.Rent();
        }
        else
        {
            _own = new RtpStreamState[1];
        }
        State.Owner = this;
        State.Ssrc = key.Ssrc;
    }

    internal ref RtpStreamState State => ref _slots is null ? ref _own![0] : ref _slots[_slot];
    internal ref RtpStreamStatistics Stats => ref State.Stats;
    internal ref RtpTimeSeries Series => ref State.Series;

    /// <summary>The stream's slot in the engine's <see cref="RtpStreamSlots"/> while it is active, else −1.</summary>
    internal int Slot => _slots is null ? -1 : _slot;

    /// <summary>Moves the state into a slot of <paramref name="slots"/>.</summary>
    internal void Bind(RtpStreamSlots slots)
    {
        if (_slots is not null) return;
        int slot = slots.Rent();
        slots[slot] = _own![0];
        _own = null;
        _slots = slots;
        _slot = slot;
    }

    /// <summary>Takes the state back from its slot and frees the slot.</summary>
    internal void Unbind()
    {
        if (_slots is null) return;
        _own = [_slots[_slot]];
        _slots.Return(_slot);
        _slots = null;
    }

    /// <summary>
    /// Frees the slot of a stream that leaves the engine unreported (dropped): its state goes with the slot instead
    /// of being copied out. The stream must not be read or updated again; it then reads as an empty state.
    /// </summary>
    internal void Discard()
    {
        if (_slots is null) return;
        _slots.Return(_slot);
        _slots = null;
        _own = Discarded;
    }

    // What a discarded stream reads as, should anything still hold it: never written (nothing updates a stream that
    // left the tables), shared by all of them.
    private static readonly RtpStreamState[] Discarded = new RtpStreamState[1];

    public RtpStreamKey Key { get; }
    public RtpStreamOrigin Origin { get; internal set; }
    /// <summary>False while a heuristic candidate has not yet shown enough packets in sequence.</summary>
    public bool Confirmed { get => State.Confirmed; internal set => State.Confirmed = value; }
    /// <summary>Call-ID of the SDP that announced one of its endpoints; null for heuristic streams.</summary>
    public string? CallId { get; internal set; }
    internal RtpPayloadMap? PayloadMap
    {
        get => _payloadMap;
        set
        {
            _payloadMap = value;
            State.ClockKey = 0; // the clock rates cached were the old map's
        }
    }
    /// <summary>An SDP gave one of its endpoints to another protocol (T.38); packets are ignored until RTP is back.</summary>
    internal bool Suspended { get => State.Suspended; set => State.Suspended = value; }

    public FrameRef FirstFrame { get; internal set; }
    public FrameRef LastFrame { get => State.LastFrame; internal set => State.LastFrame = value; }
    public long StartNs { get => State.StartNs; internal set => State.StartNs = value; }
    public long EndNs { get => State.EndNs; internal set => State.EndNs = value; }
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
    internal ushort CandidateSequence => State.CandidateSequence;
    internal uint CandidateTimestamp => State.CandidateTimestamp;
    internal int CandidateRun;

    // Name of each payload type as it was when first seen (Wireshark names it then, and keeps the name even
    // if a later SDP maps the number to something else). The first type's in the stream itself, as nearly every
    // stream has one type for its whole life; the others' in a list that grows only with distinct types (≤ 128).
    private string? _firstName;
    private byte _firstNamed;
    private List<(byte PayloadType, string Name)>? _moreNames;

    /// <summary>Names a payload type the state has just seen for the first time.</summary>
    internal void NameNewPayloadType(byte pt)
    {
        string name = RtpPayloadMap.NameOf(pt, PayloadMap);
        if (_firstName is null)
        {
            _firstNamed = pt;
            _firstName = name;
        }
        else
            (_moreNames ??= new List<(byte, string)>(2)).Add((pt, name));
    }

    /// <summary>The payload types seen, ascending.</summary>
    public IEnumerable<int> PayloadTypes
    {
        get
        {
            for (int pt = 0; pt < 128; pt++)
            {
                if (State.Seen(pt))
                    yield return pt;
            }
        }
    }

    /// <summary>The payload column of Wireshark's stream table: every type's name, by type number.</summary>
    public string PayloadNames =>
        _firstName is null ? ""
        : _moreNames is null ? _firstName
        : string.Join(", ", _moreNames.Prepend((PayloadType: _firstNamed, Name: _firstName)).OrderBy(n => n.PayloadType).Select(n => n.Name));

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
