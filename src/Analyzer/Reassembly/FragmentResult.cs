namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>What became of one fragment given to <see cref="IpReassembler.Add"/>.</summary>
public enum FragmentResult
{
    /// <summary>The frame is not an IP fragment: nothing to do.</summary>
    NotFragment,
    /// <summary>Kept; the datagram still misses bytes.</summary>
    Pending,
    /// <summary>This fragment completed the datagram: it is in the out parameter.</summary>
    Complete,
    /// <summary>Not usable (truncated, invalid, too large): counted in <see cref="IpReassemblyStats"/>.</summary>
    Dropped,
}
