namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// One packet record as the capture reader hands it out: a view into the reader's pooled buffer,
/// valid only for the duration of the <see cref="IPacketSink.OnPacket"/> call. Nothing is copied.
/// </summary>
public readonly ref struct CapturedPacket
{
    /// <summary>Index of the input file in the analysis (0 for the first file on the command line).</summary>
    public int CaptureIndex { get; init; }

    /// <summary>1-based frame number, as Wireshark numbers frames.</summary>
    public long FrameNumber { get; init; }

    /// <summary>Timestamp in nanoseconds since the Unix epoch (tsresol and tsoffset applied).</summary>
    public long TimestampNs { get; init; }

    /// <summary>File-global interface index (pcapng sections are numbered on, as Wireshark does); 0 for pcap.</summary>
    public int InterfaceId { get; init; }

    /// <summary>LINKTYPE_ value of the interface (the FCS bits of a pcap header already removed).</summary>
    public int LinkType { get; init; }

    /// <summary>Bytes present in the record.</summary>
    public int CapturedLength => Data.Length;

    /// <summary>Length of the packet on the wire.</summary>
    public int OriginalLength { get; init; }

    /// <summary>Byte offset of the record (pcap) or block (pcapng) header in the (decompressed) file.</summary>
    public long FileOffset { get; init; }

    /// <summary>The captured bytes (FCS, if the interface declares one, included as captured).</summary>
    public ReadOnlySpan<byte> Data { get; init; }

    /// <summary>Raw pcapng option area of the EPB/PB (empty for pcap and SPB). Parse with PcapngOptions.</summary>
    public ReadOnlySpan<byte> Options { get; init; }

    /// <summary>True when the section holding this packet is big-endian (affects <see cref="Options"/>).</summary>
    public bool OptionsBigEndian { get; init; }
}
