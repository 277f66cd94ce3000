namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>An interface of a capture file: the pcap header, or one pcapng Interface Description Block.</summary>
public sealed class CaptureInterface
{
    /// <summary>File-global index (what <see cref="CapturedPacket.InterfaceId"/> refers to).</summary>
    public required int Id { get; init; }

    /// <summary>pcapng section number (0-based); interface ids restart in each section.</summary>
    public int Section { get; init; }

    /// <summary>Interface id inside its section.</summary>
    public int LocalId { get; init; }

    public required int LinkType { get; init; }
    public int SnapLength { get; init; }

    /// <summary>if_name, when the IDB has one.</summary>
    public string? Name { get; init; }

    /// <summary>if_description, when the IDB has one.</summary>
    public string? Description { get; init; }

    /// <summary>Length in bytes of the FCS at the end of each frame (pcap FCS bits or if_fcslen); 0 or -1 when unknown.</summary>
    public int FcsLength { get; init; }

    /// <summary>Ticks per second of the timestamps (1e6 for µs, 1e9 for ns, 2^n for binary resolutions).</summary>
    public ulong TicksPerSecond { get; init; } = 1_000_000;

    /// <summary>True for a pcap file's interface, from its header: the file can have no other.</summary>
    public bool OnlyInterface { get; init; }

    /// <summary>if_tsoffset in seconds.</summary>
    public long TimestampOffsetSeconds { get; init; }
}
