using System.Runtime.InteropServices;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>
/// The TCP segments that carry one call's SIP messages, as the first pass framed them: per direction of a connection,
/// the frames from the one holding a message's first byte to the one completing it. A connection carrying several
/// calls is then kept in part, as tshark's <c>sip.Call-ID == "…"</c> shows it (with the segments its reassembly
/// used), and not whole.
/// </summary>
internal sealed class CallSegments
{
    /// <summary>Spans kept at most: one call has few messages; a flood reusing one Call-ID must not grow this without end.</summary>
    internal const int MaxSpans = 1 << 20;

    private readonly string _callId;
    private readonly Dictionary<Direction, List<(long First, long Last)>> _spans = new();
    private int _count;

    public CallSegments(string callId) => _callId = callId;

    /// <summary>Spans left out because <see cref="MaxSpans"/> was reached.</summary>
    public long Dropped { get; private set; }

    /// <summary>A message framed out of a TCP stream, completed in <paramref name="meta"/>'s frame.</summary>
    public void OnMessage(in PacketMeta meta, long firstFrame, string? callId)
    {
        if (!string.Equals(callId, _callId, StringComparison.Ordinal)) return;
        if (_count >= MaxSpans)
        {
            Dropped++;
            return;
        }
        var key = new Direction(meta.Capture, meta.SourceIp, meta.SourcePort, meta.DestinationIp, meta.DestinationPort);
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_spans, key, out _);
        list ??= new List<(long, long)>();
        list.Add((Math.Min(firstFrame, meta.Frame), meta.Frame));
        _count++;
    }

    /// <summary>The connections (both directions as one) that carried the call's messages.</summary>
    public IEnumerable<(NetAddress A, ushort PortA, NetAddress B, ushort PortB)> Connections()
    {
        foreach (var key in _spans.Keys) yield return (key.Source, key.SourcePort, key.Destination, key.DestinationPort);
    }

    /// <summary>True when a byte of one of the call's messages came in this TCP segment.</summary>
    public bool Covers(int capture, in DecodedFrame frame, long frameNumber)
    {
        if (!_spans.TryGetValue(new Direction(capture, frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort), out var list))
            return false;
        // Spans come in the order their messages completed, so both ends rise: the first span ending at or after
        // the frame is the only one that can hold it.
        int low = 0, high = list.Count - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            if (list[mid].Last < frameNumber) low = mid + 1;
            else high = mid - 1;
        }
        return low < list.Count && list[low].First <= frameNumber;
    }

    private readonly record struct Direction(int Capture, NetAddress Source, ushort SourcePort, NetAddress Destination, ushort DestinationPort);
}
