namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// A tracked TCP connection: both directions, activity time and its place in the idle (LRU) list. A slot of
/// <see cref="TcpConnectionTable"/>, not an object: a flood of connections that each send one segment costs
/// the table's memory and no garbage. Links are slot indexes, -1 for none.
/// </summary>
internal struct TcpConnection
{
    public TcpConnectionKey Key;
    /// <summary>Bytes sent by the lower endpoint of <see cref="Key"/>.</summary>
    public TcpStream FromLow;
    public TcpStream FromHigh;
    public long LastSeenNs;
    /// <summary>TLS: counted once, never parsed.</summary>
    public bool IsEncrypted;
    /// <summary>Whether the first payload was already checked for TLS.</summary>
    public bool Classified;

    // Least recently active first; maintained by TcpReassembler.
    public int Older;
    public int Newer;
    // The table's own: the next free slot while this one is free, and the key's hash.
    internal int NextFree;
    internal int Hash;

    public void Close(TcpStreamContext context)
    {
        FromLow.Close(context);
        FromHigh.Close(context);
    }
}
