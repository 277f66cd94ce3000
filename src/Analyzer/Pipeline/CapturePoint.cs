using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// One place where traffic was captured: a file, or one interface of a multi-interface file (a router
/// capturing both legs sees every routed packet once per leg); the files of a ring-buffer set share one.
/// Everything that must not mix the copies of a packet seen at two places lives here.
/// </summary>
public sealed class CapturePoint
{
    internal CapturePoint(int index, string baseName, int interfaceId, string? interfaceName, SipEngineOptions sipOptions,
        TcpBufferBudget? tcpBudget = null, SipStateBudget? sipBudget = null, IpReassemblyBudget? ipBudget = null,
        TcpReassemblyLimits? tcpLimits = null)
    {
        Tcp = new TcpReassembler(tcpLimits, tcpBudget);
        Index = index;
        BaseName = baseName;
        InterfaceId = interfaceId;
        InterfaceName = interfaceName;
        Sip = new SipEngine(sipOptions, sipBudget);
        ipBudget ??= new IpReassemblyBudget();
        Ip = new IpReassembler(budget: ipBudget);
        FragmentedSip = new FragmentedSipTracker(ipBudget);
        Ip.Abandoned = FragmentedSip.OnAbandoned;
        Ip.Discarded = FragmentedSip.OnDiscarded;
    }

    public int Index { get; }
    /// <summary>The input's point name (file name without extension, or --point NAME).</summary>
    public string BaseName { get; }
    /// <summary>The interface of the file this point is (its index among the file's interfaces).</summary>
    public int InterfaceId { get; }
    public string? InterfaceName { get; }
    /// <summary>
    /// The input's point name, shared by every interface of one file and every file of a ring-buffer set: one
    /// host's clock. Clock offsets between capture points are estimated per clock.
    /// </summary>
    public string Clock { get; internal init; } = "";
    /// <summary>
    /// Whether its SIP messages are hashed (<see cref="Protocols.Sip.SipMessage.PayloadHash"/>), which serves only to
    /// find a message again at another point. False where no other point can exist, the one interface of a lone pcap
    /// file: hashing every byte of every message was 3 % of a SIP flood.
    /// </summary>
    public bool HashesMessages { get; internal init; } = true;
    /// <summary>Named by <c>--point NAME=FILE#IFACE</c>: the name is used as given.</summary>
    public bool ExplicitName { get; internal init; }
    /// <summary>The name reports use: the base name, plus "#interface" when the file has several interfaces.</summary>
    public string Name { get; internal set; } = "";
    /// <summary>Input files (capture indexes) that contributed packets.</summary>
    public SortedSet<int> Captures { get; } = new();
    public long Packets { get => _traffic.Packets; internal set => _traffic.Packets = value; }
    public long FirstTimestampNs { get => _traffic.FirstTimestampNs; internal set => _traffic.FirstTimestampNs = value; }
    public long LastTimestampNs { get => _traffic.LastTimestampNs; internal set => _traffic.LastTimestampNs = value; }
    /// <summary>The clock that gives the engines' time of this point's packets (see <see cref="CaptureClock"/>): reader's thread only.</summary>
    internal ref CaptureClock EngineClock => ref _traffic.EngineClock;
    /// <summary>The packet held back after a step forward until the next one judges it (reader's thread only).</summary>
    internal HeldPacket Held => _held ??= new HeldPacket();
    internal bool Holding => _held is { Holding: true };
    private HeldPacket? _held;
    internal void ReleaseBuffers() => _held?.Dispose();
    /// <summary>The engines' time of the point's latest packet (long.MinValue before any).</summary>
    public long EngineTimeNs => _traffic.EngineClock.NowNs;
    /// <summary>The input the point's last packet came from (-1 before any): files are read in order, so a new value is a new file.</summary>
    internal int LastCapture { get => _traffic.LastCapture; set => _traffic.LastCapture = value; }

    // The reader's thread writes these for every packet while the engines' thread reads this object's other
    // fields for every packet: kept apart, padded to cache lines of their own, so the two cores do not pass
    // one line back and forth (false sharing).
    private readonly Traffic _traffic = new();

    /// <summary>The MAC of the device whose port this point captured, none for a shared segment (see <see cref="PortOwner"/>).</summary>
    public Protocols.Frames.MacAddress PortOwnerMac => _traffic.Port.Owner;
    /// <summary>False when the point's frames carry no MACs (cooked, raw IP): nothing is known about its port.</summary>
    public bool KnowsLinkLayer => _traffic.Port.Frames > 0;

    internal void NoteLink(Protocols.Frames.MacAddress source, Protocols.Frames.MacAddress destination) =>
        _traffic.Port.Note(source, destination);

    private sealed class Traffic
    {
#pragma warning disable CS0169 // padding, never read
        private long _pad0, _pad1, _pad2, _pad3, _pad4, _pad5, _pad6, _pad7;
        public PortOwner Port;
        public long Packets;
        public int LastCapture = -1;
        public long FirstTimestampNs = long.MaxValue;
        public long LastTimestampNs = long.MinValue;
        public CaptureClock EngineClock = new();
        private long _pad8, _pad9, _pad10, _pad11, _pad12, _pad13, _pad14, _pad15;
#pragma warning restore CS0169
    }

    public SipEngine Sip { get; }
    internal TcpReassembler Tcp { get; }
    internal IpReassembler Ip { get; }
    /// <summary>The SIP messages that arrived here in IP fragments, and which of them never arrived whole.</summary>
    internal FragmentedSipTracker FragmentedSip { get; }
    /// <summary>
    /// UDP datagrams of this point that were not SIP (RTP, RTCP, DNS, anything). None at all means the capture was
    /// filtered to signaling (`port 5060`), so missing media proves nothing here. Engines' thread only.
    /// </summary>
    internal long NonSipDatagrams;
    /// <summary>The addresses with non-SIP datagrams here (a table shared by the analysis's points). Engines' thread only.</summary>
    internal DatagramHosts DatagramHosts { get; init; } = new();
    // A field: the transport stage writes it, the reader's stage reads it (Volatile) to know when a tick is due.
    internal long NextTimerNs = long.MinValue;

    public TcpReassemblyCounters TcpCounters => Tcp.Counters;
    public IpReassemblyStats IpStats => Ip.Stats;
}
