using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// The link facts of a flow's last packet that the neighbour table already holds in full: its segment, source
/// and destination MAC and TTL (with the flow's addresses, everything the table learns from a UDP or TCP frame).
/// A packet that repeats them would teach the table nothing, so it is not consulted.
/// </summary>
public struct RecordedLink
{
    private SegmentKey _segment;
    private MacAddress _source;
    private MacAddress _destination;
    private byte _ttl;
    private bool _known;

    public static RecordedLink Of(SegmentKey segment, in DecodedFrame frame) => new()
    {
        _segment = segment, _source = frame.SourceMac, _destination = frame.DestinationMac, _ttl = frame.Ttl, _known = true,
    };

    public readonly bool Matches(SegmentKey segment, in DecodedFrame frame) =>
        _known && _source.Value == frame.SourceMac.Value && _destination.Value == frame.DestinationMac.Value && _ttl == frame.Ttl
        && _segment.Capture == segment.Capture && _segment.Vlan == segment.Vlan && _segment.InterfaceId == segment.InterfaceId;
}
