using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Finds the one MAC that nearly every unicast IP frame of a capture point comes from or goes to: the host or
/// router whose port was captured (tcpdump on the PBX's own interface, dumpcap on a router leg). Such a point
/// sees only that device's traffic, so media between two other hosts can never show there. A mirror of a
/// shared segment has no such MAC. Two candidates (the first frame's two ends) and their misses per frame:
/// no allocation, two compares.
/// </summary>
internal struct PortOwner
{
    // Unknown-unicast flooding before a switch learns, and the odd frame between two other hosts on a hub,
    // do not make a port capture a mirror.
    private const double MissTolerance = 0.02;

    private MacAddress _a, _b;
    private long _missA, _missB;

    /// <summary>Unicast IP frames with both MACs seen.</summary>
    public long Frames { get; private set; }

    public void Note(MacAddress source, MacAddress destination)
    {
        if (source.IsNone || destination.IsMulticast) return;
        if (Frames++ == 0)
        {
            _a = source;
            _b = destination;
            return;
        }
        if (source != _a && destination != _a) _missA++;
        if (source != _b && destination != _b) _missB++;
    }

    /// <summary>The captured port's MAC, or none for a shared segment or a capture without MACs.</summary>
    public readonly MacAddress Owner
    {
        get
        {
            if (Frames == 0) return default;
            long allowed = (long)(Frames * MissTolerance);
            if (_missA <= allowed && _missA <= _missB) return _a;
            return _missB <= allowed ? _b : default;
        }
    }
}
