using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Per capture point, the addresses that sent or received a UDP datagram other than SIP there. A point that
/// carries a call's signaling but not one other datagram of either media endpoint did not capture their media
/// at all (a filter on the host's signaling, a mirror port of the SIP leg only, media on another link), so
/// missing RTP there proves nothing about the call. One table for the whole analysis, bounded: past its cap
/// every address counts as seen, which keeps the verdict the point-wide rule would give.
/// </summary>
internal sealed class DatagramHosts
{
    public const int Capacity = 65_536;

    private readonly HashSet<(int Point, NetAddress Address)> _seen = new();
    private (int Point, NetAddress Source, NetAddress Destination) _last = (-1, default, default);

    /// <summary>The table filled up: from then on every address counts as seen.</summary>
    public bool Full { get; private set; }

    /// <summary>A non-SIP datagram between two addresses at a point. Engines' thread only.</summary>
    public void Note(int point, NetAddress source, NetAddress destination)
    {
        // Most such datagrams repeat the last flow's pair (a DNS or T.38 exchange, a stream's first packets).
        if (Full || (_last.Point == point && _last.Source == source && _last.Destination == destination))
            return;
        _last = (point, source, destination);
        Add(point, source);
        Add(point, destination);
    }

    private void Add(int point, NetAddress address)
    {
        if (Full)
            return;
        // One look-up below the cap; at it, a new address fills the table.
        if (_seen.Count < Capacity)
            _seen.Add((point, address));
        else if (!_seen.Contains((point, address)))
        {
            Full = true;
            _seen.Clear();
            _seen.TrimExcess();
        }
    }

    /// <summary>Whether the point saw a non-SIP datagram to or from the address (always true once full).</summary>
    public bool Saw(int point, NetAddress address) => Full || _seen.Contains((point, address));
}
