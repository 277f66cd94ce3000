using System.Globalization;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// Recognises the same SIP message at every capture point: within one SIP identity (Call-ID, CSeq, top branch,
/// method or status — what NAT and an ALG leave alone), copies are joined first when unchanged (IP id, ports,
/// payload hash), then when only the IP id survived (rewritten), then by time on the aligned clocks. A
/// transmission has at most one copy per point. Runs once, after every point's SIP engine has finished.
/// </summary>
internal sealed class MessageMatcher
{
    // Copies of one transmission at two points lie within this of each other on the aligned clocks (plus the
    // clocks' spread); retransmissions are at least T1 = 500 ms apart.
    private const long TimeWindowNs = 250_000_000;
    // The IP id repeats every 65536 packets of a host: trust it only this close in time.
    private const long IpIdWindowNs = 5_000_000_000;

    private readonly IReadOnlyList<CapturePoint> _points;

    public MessageMatcher(IReadOnlyList<CapturePoint> points) => _points = points;

    public PointCorrelation Match()
    {
        var groups = new Dictionary<MessageIdentity, List<Sighting>>();
        var counts = new List<PointMessageCounts>();
        foreach (var point in _points)
        {
            var count = new PointMessageCounts { Point = point.Name };
            counts.Add(count);
            foreach (var t in point.Sip.Transactions)
                foreach (var (kind, message) in MessagesOf(t))
                {
                    var s = new Sighting { Point = point, Transaction = t, Message = message, Kind = kind, AlignedNs = message.TimestampNs };
                    var id = IdentityOf(s);
                    if (!groups.TryGetValue(id, out var list)) groups[id] = list = new List<Sighting>();
                    list.Add(s);
                    count.Messages++;
                }
        }

        var clocks = _points.Select(p => p.Clock).Distinct().ToList();
        var offsets = EstimateClocks(groups.Values, clocks);
        var byClock = offsets.ToDictionary(o => o.Clock, o => o.Applied ? o.OffsetNs : 0);
        foreach (var list in groups.Values)
            foreach (var s in list) s.AlignedNs = s.Message.TimestampNs - byClock.GetValueOrDefault(s.Point.Clock);
        long window = TimeWindowNs + 3 * (offsets.Count == 0 ? 0 : offsets.Max(o => o.SpreadNs));

        var messages = new List<SeenMessage>();
        foreach (var (id, list) in groups) messages.AddRange(Cluster(id, list, window));
        foreach (var m in messages)
        {
            m.SortByHop();
            if (m.Sightings.Count > 1)
                foreach (var s in m.Sightings) counts[s.Point.Index].Matched++;
        }
        return new PointCorrelation(_points, offsets, counts, Transactions(messages, onePoint: _points.Count == 1));
    }

    private static IEnumerable<(MessageKind, TransactionMessage)> MessagesOf(Transaction t)
    {
        foreach (var m in t.Requests) yield return (MessageKind.Request, m);
        foreach (var g in t.Responses)
            foreach (var m in g.Messages) yield return (MessageKind.Response, m);
        foreach (var m in t.Acks) yield return (MessageKind.Ack, m);
    }

    private static MessageIdentity IdentityOf(Sighting s)
    {
        var t = s.Transaction;
        string branch = s.Message.TopVia?.Branch ?? t.Branch;
        return s.Kind switch
        {
            MessageKind.Request => new MessageIdentity(s.Kind, t.CallId ?? "", t.CSeq, t.Method, 0, branch),
            MessageKind.Ack => new MessageIdentity(s.Kind, t.CallId ?? "", t.CSeq, "ACK", 0, branch),
            _ => new MessageIdentity(s.Kind, t.CallId ?? "", t.CSeq, s.Message.CSeqMethod ?? t.Method, s.Message.Status, branch),
        };
    }

    // Unchanged copies seen once per point are unambiguous: they time the clocks against each other.
    private static List<ClockOffset> EstimateClocks(IEnumerable<List<Sighting>> groups, List<string> clocks)
    {
        var estimator = new ClockEstimator(clocks);
        if (clocks.Count < 2) return estimator.Estimate();
        foreach (var list in groups)
            foreach (var bucket in list.GroupBy(ExactKey.Of))
            {
                var copies = bucket.ToList();
                if (copies.Count < 2 || copies.Select(c => c.Point.Index).Distinct().Count() != copies.Count) continue;
                for (int i = 0; i < copies.Count; i++)
                    for (int j = i + 1; j < copies.Count; j++)
                        estimator.Add(copies[i], copies[j]);
            }
        return estimator.Estimate();
    }

    private static List<SeenMessage> Cluster(MessageIdentity id, List<Sighting> copies, long window)
    {
        copies.Sort(static (a, b) => a.AlignedNs.CompareTo(b.AlignedNs));
        var clusters = new List<(SeenMessage Message, long LastNs)>();
        foreach (var c in copies)
        {
            int best = -1;
            MessageMatch bestLevel = MessageMatch.Single;
            long bestDistance = long.MaxValue;
            for (int i = clusters.Count - 1; i >= 0; i--)
            {
                var (m, lastNs) = clusters[i];
                long distance = TimeDistance.Between(c.AlignedNs, lastNs);
                if (distance > IpIdWindowNs + window) break; // clusters are in time order
                if (m.SeenAt(c.Point.Index)) continue;
                var level = Level(m, c, distance, window);
                if (level == MessageMatch.Single) continue;
                if (best < 0 || Rank(level) > Rank(bestLevel) || (level == bestLevel && distance < bestDistance))
                    (best, bestLevel, bestDistance) = (i, level, distance);
            }
            if (best < 0)
            {
                var m = new SeenMessage
                {
                    Kind = id.Kind,
                    Status = id.Status,
                    Label = id.Kind == MessageKind.Response ? id.Status.ToString(CultureInfo.InvariantCulture) : id.Method,
                };
                m.Sightings.Add(c);
                clusters.Add((m, c.AlignedNs));
                continue;
            }
            var target = clusters[best].Message;
            target.Sightings.Add(c);
            if (target.Match == MessageMatch.Single || Rank(bestLevel) < Rank(target.Match)) target.Match = bestLevel;
            clusters[best] = (target, Math.Max(clusters[best].LastNs, c.AlignedNs));
        }
        return clusters.Select(x => x.Message).ToList();
    }

    private static MessageMatch Level(SeenMessage m, Sighting c, long distance, long window)
    {
        var key = ExactKey.Of(c);
        var level = MessageMatch.Single;
        foreach (var s in m.Sightings)
        {
            if (ExactKey.Of(s) == key && distance <= IpIdWindowNs + window) return MessageMatch.Exact;
            if (s.Message.Meta.IpId == c.Message.Meta.IpId && c.Message.Meta.IpId != 0 && distance <= IpIdWindowNs + window)
                level = MessageMatch.Rewritten;
            else if (level == MessageMatch.Single && distance <= window)
                level = MessageMatch.Time;
        }
        return level;
    }

    private static int Rank(MessageMatch level) => level switch
    {
        MessageMatch.Exact => 3,
        MessageMatch.Rewritten => 2,
        MessageMatch.Time => 1,
        _ => 0,
    };

    // Transactions that share a message are one transaction seen at several points. At one point no message has a
    // second sighting (a cluster takes one copy per point), so every transaction is its own and nothing is joined.
    private static List<SeenTransaction> Transactions(List<SeenMessage> messages, bool onePoint)
    {
        var parent = new Dictionary<Transaction, Transaction>(ReferenceEqualityComparer.Instance);
        Transaction Find(Transaction t) // with no union made (one point), every transaction is its own
        {
            while (parent.TryGetValue(t, out var p) && !ReferenceEquals(p, t)) t = parent[t] = parent.GetValueOrDefault(p, p);
            return t;
        }
        if (!onePoint)
        {
            foreach (var m in messages)
            {
                var root = Find(m.First.Transaction);
                parent.TryAdd(root, root);
                foreach (var s in m.Sightings)
                {
                    var other = Find(s.Transaction);
                    if (!ReferenceEquals(other, root)) parent[other] = root;
                }
            }
        }

        var byRoot = new Dictionary<Transaction, SeenTransaction>(ReferenceEqualityComparer.Instance);
        foreach (var m in messages)
        {
            var root = Find(m.First.Transaction);
            if (!byRoot.TryGetValue(root, out var seen)) byRoot[root] = seen = new SeenTransaction();
            seen.Messages.Add(m);
            foreach (var s in m.Sightings)
                if (!seen.Transactions.Contains(s.Transaction)) seen.Transactions.Add(s.Transaction);
        }
        foreach (var seen in byRoot.Values)
        {
            seen.Transactions.Sort(static (a, b) => a.Point.CompareTo(b.Point));
            seen.Messages.Sort(static (a, b) => a.First.AlignedNs.CompareTo(b.First.AlignedNs));
            NameEnds(seen);
        }
        return byRoot.Values.OrderBy(s => s.Messages[0].First.AlignedNs).ToList();
    }

    // The client's own address is the request's source where it was seen first (nearest the client); the
    // server's is its destination where it was seen last (nearest the server).
    private static void NameEnds(SeenTransaction seen)
    {
        var request = seen.Messages.Find(m => m.Kind == MessageKind.Request);
        if (request is not null)
        {
            seen.Client = request.First.Message.Meta.Source;
            seen.Server = request.Last.Message.Meta.Destination;
            return;
        }
        var response = seen.Messages[0];
        seen.Client = response.Last.Message.Meta.Destination;
        seen.Server = response.First.Message.Meta.Source;
    }
}
