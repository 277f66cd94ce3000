namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// A tracked TCP connection: its key, activity time, its place in the idle (LRU) list and its two directions. A
/// slot of <see cref="TcpConnectionTable"/>, not an object: a flood of connections that each send one segment
/// costs the table's memory and no garbage. Links are slot indexes, -1 for none.
/// </summary>
internal struct TcpConnection
{
    public TcpConnectionKey Key;
    public long LastSeenNs;
    /// <summary>
    /// The stream slot + 1 (0 = none yet) of the bytes sent by the lower endpoint of <see cref="Key"/>. A direction
    /// gets its stream with its first SYN, FIN or payload: a flood of one-segment connections, or the pure ACKs of
    /// the other side, then costs one stream per connection, not two.
    /// </summary>
    public int FromLow;
    public int FromHigh;
    /// <summary>TLS: counted once, never parsed.</summary>
    public bool IsEncrypted;
    /// <summary>Whether the first payload was already checked for TLS.</summary>
    public bool Classified;

    // Least recently active first; maintained by TcpReassembler.
    public int Older;
    public int Newer;
    /// <summary>The key's hash, the table's own.</summary>
    internal int Hash;
}
