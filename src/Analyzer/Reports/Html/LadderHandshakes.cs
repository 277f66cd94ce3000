using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// The TCP connections that carried a ladder's SIP messages, drawn as lighter arrows: every SYN and SYN-ACK (the
/// copies of one grouped, as retransmissions are), the handshake's ACK, and the first FIN each way and RST. The
/// same segment seen at several capture points (the same client ISN) is one arrow with a mark on each lane; one
/// that a lane further along the way never saw, although that lane saw the connection, ends in a cross.
/// </summary>
internal static class LadderHandshakes
{
    /// <summary>The connections of a ladder's transactions, each at the capture point that saw it.</summary>
    public static IEnumerable<(TcpHandshake Connection, CapturePoint Point, bool Flipped)> Of(AnalysisResult result, IEnumerable<TransactionPath> paths)
    {
        foreach (var path in paths)
            if (path.Connection is { } c)
                // The SIP server opened the connection (it sends requests to a client that listens): its SYN goes left.
                yield return (c, result.Points[path.Transaction.Point], c.Key.ClientEndpoint == path.Transaction.Server);
    }

    /// <param name="withIcmp">
    /// Whether to draw the ICMP errors about the connections too: a connection that carried no SIP message has no
    /// transaction whose ladder would show them.
    /// </param>
    public static List<LadderArrow> Arrows(AnalysisResult result, IEnumerable<(TcpHandshake Connection, CapturePoint Point, bool Flipped)> connections,
        List<LadderStop> stops, bool withIcmp = false)
    {
        var groups = new Dictionary<(uint Isn, TcpSegmentKind Kind, bool FromClient), List<(TcpControlSegment Segment, int Lane, long AlignedNs, bool Flipped)>>();
        var connectionLanes = new Dictionary<uint, HashSet<int>>();
        var seen = new HashSet<TcpHandshake>(ReferenceEqualityComparer.Instance);
        var icmp = new Dictionary<(string Mac, string Reason, int Lane, bool ToServer), List<(IcmpError Error, long AlignedNs)>>();
        // Connections whose SYNs (or other segments from the client) a router on the way refused: they went no further.
        var refused = new HashSet<uint>();
        foreach (var (c, point, flipped) in connections)
        {
            if (!seen.Add(c)) continue;
            int lane = stops.FindIndex(s => s.IsPoint && s.PointIndex == point.Index);
            if (lane < 0) continue;
            if (!connectionLanes.TryGetValue(c.ClientIsn, out var lanes)) connectionLanes[c.ClientIsn] = lanes = new();
            lanes.Add(lane);
            foreach (var e in withIcmp ? result.Icmp?.About(c) ?? [] : [])
            {
                if (e.ForwardingFailed && e.Quoted.Source == c.Key.Client) refused.Add(c.ClientIsn);
                // Toward the server's column when it was sent to the server (a flipped connection's client is the SIP server).
                var key = (e.ReporterMac.ToString(), e.Reason, lane, (e.DestinationIp == c.Key.Server) != flipped);
                if (!icmp.TryGetValue(key, out var list)) icmp[key] = list = new();
                list.Add((e, result.Correlation?.Align(point, e.TimestampNs) ?? e.TimestampNs));
            }
            foreach (var segment in c.ControlSegments)
            {
                var key = (c.ClientIsn, segment.Kind, segment.FromClient);
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = new();
                list.Add((segment, lane, result.Correlation?.Align(point, segment.TimestampNs) ?? segment.TimestampNs, flipped));
            }
        }
        var arrows = new List<LadderArrow>();
        foreach (var ((isn, kind, fromClient), list) in groups.Take(Ladder.MaxArrows))
        {
            list.Sort(static (a, b) => a.AlignedNs.CompareTo(b.AlignedNs));
            var first = list[0];
            bool toServer = fromClient != first.Flipped;
            int client = LadderStop.ClientColumn(stops), server = LadderStop.ServerColumn(stops);
            int step = toServer ? 1 : -1, to = toServer ? server : client;
            var seenAt = list.Select(x => x.Lane).Distinct().Order().ToList();
            int furthest = toServer ? seenAt.Max() : seenAt.Min();
            bool lost = fromClient && refused.Contains(isn);
            for (int s = furthest + step; s >= 0 && s < stops.Count; s += step)
                if (stops[s].IsPoint && connectionLanes[isn].Contains(s)) lost = true;
            var frames = list.Select(x => x.Segment.Frame.ToString()).Distinct().ToList();
            int copies = list.GroupBy(x => x.Lane).Max(g => g.Count());
            arrows.Add(new LadderArrow
            {
                Kind = "tcp",
                Label = Label(kind),
                Detail = $"TCP · {Timestamps.Clock(first.AlignedNs)} · frame {first.Segment.Frame}",
                Copies = copies,
                TimeNs = first.AlignedNs,
                From = toServer ? client : server,
                To = lost ? furthest + step * 0.5 : to,
                Lost = lost,
                SeenAt = seenAt,
                Frames = frames.Take(Ladder.MaxFramesPerArrow).ToList(),
                FramesNotListed = Math.Max(0, frames.Count - Ladder.MaxFramesPerArrow),
            });
        }
        foreach (var ((mac, reason, lane, toServer), list) in icmp.Take(Ladder.MaxArrows))
            arrows.Add(LadderArrow.ForIcmp(list, mac, reason, lane, toServer ? LadderStop.ServerColumn(stops) : LadderStop.ClientColumn(stops), lane));
        return arrows;
    }

    private static string Label(TcpSegmentKind kind) => kind switch
    {
        TcpSegmentKind.Syn => "SYN",
        TcpSegmentKind.SynAck => "SYN-ACK",
        TcpSegmentKind.Ack => "ACK",
        TcpSegmentKind.Fin => "FIN",
        _ => "RST",
    };
}
