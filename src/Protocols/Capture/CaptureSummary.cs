namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>What a completed read of one capture found, apart from the packets themselves.</summary>
public sealed class CaptureSummary
{
    public CaptureFormat Format { get; set; }
    public bool Gzip { get; set; }
    public bool BigEndian { get; set; }
    public bool Nanosecond { get; set; }
    public long Packets { get; set; }

    /// <summary>Bytes of the (decompressed) capture stream consumed.</summary>
    public long Bytes { get; set; }

    /// <summary>Sum of captured lengths.</summary>
    public long CapturedBytes { get; set; }

    public long FirstTimestampNs { get; set; }
    public long LastTimestampNs { get; set; }
    public int Sections { get; set; }
    public List<CaptureInterface> Interfaces { get; } = new();

    /// <summary>The file ended inside a record or block: everything before it was delivered.</summary>
    public bool Truncated { get; set; }

    /// <summary>One line each, naming the byte offset: truncation, resynchronisation, skipped blocks.</summary>
    public List<string> Warnings { get; } = new();

    /// <summary>pcapng blocks skipped by length because their type is unknown or carries no packet.</summary>
    public long SkippedBlocks { get; set; }
}
