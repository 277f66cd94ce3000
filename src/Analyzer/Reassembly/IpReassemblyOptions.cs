namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>Bounds on what <see cref="IpReassembler"/> keeps, so memory depends on traffic, not file size.</summary>
public sealed record IpReassemblyOptions
{
    /// <summary>The largest IP payload a datagram can have (IPv4 total length and IPv6 payload length are 16-bit).</summary>
    public const int MaxIpPayload = 65535;

    /// <summary>Datagrams being reassembled at once; a new one beyond this evicts the oldest.</summary>
    public int MaxDatagrams { get; init; } = 4096;

    /// <summary>Bytes one datagram may reach; a fragment beyond it drops the datagram.</summary>
    public int MaxDatagramBytes { get; init; } = MaxIpPayload;

    /// <summary>Buffer bytes held by all datagrams; past it the oldest are evicted.</summary>
    public long MaxTotalBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Capture time a datagram may wait for its missing fragments, from its first fragment (Linux ipfrag_time
    /// is 30 s; Wireshark has no timeout).
    /// </summary>
    public long TimeoutNs { get; init; } = 30_000_000_000L;
}
