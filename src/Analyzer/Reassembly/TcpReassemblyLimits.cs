namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>The bounds that keep reassembly memory independent of the capture's size.</summary>
public sealed record TcpReassemblyLimits
{
    /// <summary>Connections tracked at once; the least recently active is evicted beyond this.</summary>
    public int MaxConnections { get; init; } = 65_536;
    /// <summary>A connection without packets for this long (capture time) is dropped.</summary>
    public long IdleTimeoutNs { get; init; } = 300L * 1_000_000_000;
    /// <summary>Out-of-order bytes held per direction while waiting for a gap to fill.</summary>
    public int MaxOutOfOrderBytes { get; init; } = 256 * 1024;
    /// <summary>Out-of-order segments held per direction.</summary>
    public int MaxOutOfOrderSegments { get; init; } = 64;
    /// <summary>Largest message (or unfinished header section) a direction buffers.</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024;
    /// <summary>Bytes searched for a first SIP start line before a direction is taken for not-SIP.</summary>
    public int MaxHuntBytes { get; init; } = 256 * 1024;
}
