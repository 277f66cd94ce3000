namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>What <see cref="IpReassembler"/> did with the fragments it was given: anomalies and evictions by reason.</summary>
public sealed class IpReassemblyStats
{
    /// <summary>Fragments offered.</summary>
    public long Fragments;
    /// <summary>Datagrams completed and handed out.</summary>
    public long Reassembled;
    /// <summary>Fragments whose bytes had all arrived before (retransmissions, capture duplicates).</summary>
    public long DuplicateFragments;
    /// <summary>Fragments overlapping bytes that had arrived before; the first bytes received are kept.</summary>
    public long OverlappingFragments;
    /// <summary>Fragments reaching past the end the last fragment gave; the excess is ignored.</summary>
    public long FragmentsPastEnd;
    /// <summary>A second last fragment with a different end; the first one is kept.</summary>
    public long ConflictingEnds;
    /// <summary>Non-last fragments whose length is not a multiple of 8 (invalid, but reassembled as Wireshark does).</summary>
    public long MisalignedFragments;
    /// <summary>Fragments cut by the snaplen: their datagram cannot be completed.</summary>
    public long TruncatedFragments;

    /// <summary>Datagrams dropped because a fragment reached past <see cref="IpReassemblyOptions.MaxDatagramBytes"/>.</summary>
    public long DroppedTooLarge;
    /// <summary>Datagrams still incomplete after <see cref="IpReassemblyOptions.TimeoutNs"/>.</summary>
    public long EvictedTimeout;
    /// <summary>Datagrams dropped for having more separate pieces than a reassembler keeps (hostile patterns).</summary>
    public long DroppedTooManyPieces;
    /// <summary>Datagrams evicted to make room under <see cref="IpReassemblyOptions.MaxDatagrams"/>.</summary>
    public long EvictedDatagramLimit;
    /// <summary>Datagrams evicted to stay under <see cref="IpReassemblyOptions.MaxTotalBytes"/>.</summary>
    public long EvictedMemoryLimit;
    /// <summary>Datagrams still incomplete when the capture ended (<see cref="IpReassembler.Flush"/>).</summary>
    public long IncompleteAtEnd;

    /// <summary>Datagrams being reassembled now, and the buffer bytes they hold.</summary>
    public int InFlight;
    public long BytesInFlight;
    /// <summary>High-water marks of the two above.</summary>
    public int PeakInFlight;
    public long PeakBytesInFlight;
}
