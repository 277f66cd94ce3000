namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>A tracked TCP connection: both directions, activity time and its place in the idle (LRU) list.</summary>
internal sealed class TcpConnection
{
    public TcpConnection(TcpConnectionKey key, TcpReassemblyLimits limits, TcpReassemblyCounters counters, TcpBufferBudget budget)
    {
        Key = key;
        FromLow = new TcpStream(limits, counters, budget);
        FromHigh = new TcpStream(limits, counters, budget);
    }

    public TcpConnectionKey Key { get; }
    /// <summary>Bytes sent by the lower endpoint of <see cref="Key"/>.</summary>
    public TcpStream FromLow { get; }
    public TcpStream FromHigh { get; }
    public long LastSeenNs { get; set; }
    /// <summary>TLS: counted once, never parsed.</summary>
    public bool IsEncrypted { get; set; }
    /// <summary>Whether the first payload was already checked for TLS.</summary>
    public bool Classified { get; set; }

    // Least recently active first; maintained by TcpReassembler.
    public TcpConnection? Older { get; set; }
    public TcpConnection? Newer { get; set; }

    public void Close()
    {
        FromLow.Close();
        FromHigh.Close();
    }
}
