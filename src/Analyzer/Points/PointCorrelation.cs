using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// The capture points lined up: clock offsets, every SIP transaction with the points that saw each of its
/// messages, and the client's own address for the address each point saw (NAT).
/// </summary>
public sealed class PointCorrelation
{
    private readonly Dictionary<Transaction, SeenTransaction> _byTransaction = new(ReferenceEqualityComparer.Instance);
    // By frame and by client address: read only when findings of several points are merged. Made on the first such
    // read, not for every capture: with one point they were a list per SIP frame and a client text per transaction
    // for nothing (on the 200 MB mix, a fifth of the correlation's time, which is run once for every capture).
    private Dictionary<FrameRef, List<Transaction>>? _byFrame;
    private Dictionary<(int Point, Transport Transport, string Address), string>? _clients;
    private readonly Lock _indexLock = new();
    private readonly Dictionary<string, long> _offsets;

    internal PointCorrelation(IReadOnlyList<CapturePoint> points, List<ClockOffset> clocks, List<PointMessageCounts> counts,
        List<SeenTransaction> transactions)
    {
        Points = points;
        Clocks = clocks;
        Counts = counts;
        Transactions = transactions;
        _offsets = clocks.ToDictionary(c => c.Clock, c => c.Applied ? c.OffsetNs : 0);
        foreach (var seen in transactions)
            foreach (var t in seen.Transactions) _byTransaction[t] = seen;
    }

    private void EnsureIndexes()
    {
        if (Volatile.Read(ref _byFrame) is not null) return;
        lock (_indexLock)
        {
            if (_byFrame is not null) return;
            var byFrame = new Dictionary<FrameRef, List<Transaction>>();
            var clients = new Dictionary<(int Point, Transport Transport, string Address), string>();
            foreach (var seen in Transactions)
            {
                foreach (var t in seen.Transactions) clients.TryAdd((t.Point, t.Transport, t.Client), seen.Client);
                foreach (var m in seen.Messages)
                    foreach (var s in m.Sightings)
                    {
                        if (!byFrame.TryGetValue(s.Message.Frame, out var list)) byFrame[s.Message.Frame] = list = new List<Transaction>(1);
                        if (!list.Contains(s.Transaction)) list.Add(s.Transaction);
                    }
            }
            _clients = clients;
            Volatile.Write(ref _byFrame, byFrame); // last: a reader that sees it sees the clients too
        }
    }

    public IReadOnlyList<CapturePoint> Points { get; }
    /// <summary>One entry per clock (capture host), the reference first.</summary>
    public List<ClockOffset> Clocks { get; }
    /// <summary>SIP messages per point, and how many were recognised at another point.</summary>
    public List<PointMessageCounts> Counts { get; }
    public List<SeenTransaction> Transactions { get; }

    /// <summary>Lines up every point's transactions (after each point's SIP engine has finished).</summary>
    public static PointCorrelation Build(IReadOnlyList<CapturePoint> points) => new MessageMatcher(points).Match();

    /// <summary>The transaction across points that <paramref name="transaction"/> (seen at one point) belongs to.</summary>
    public SeenTransaction? Of(Transaction transaction) => _byTransaction.GetValueOrDefault(transaction);

    /// <summary>The messages of <paramref name="transaction"/>, each with every point that saw it.</summary>
    public IReadOnlyList<SeenMessage> MessagesOf(Transaction transaction) => Of(transaction)?.Messages ?? [];

    /// <summary>The SIP transactions (at their points) whose messages are in <paramref name="frame"/>.</summary>
    public IReadOnlyList<Transaction> TransactionsIn(FrameRef frame)
    {
        EnsureIndexes();
        return _byFrame!.GetValueOrDefault(frame) ?? [];
    }

    /// <summary>
    /// The client's own "ip:port" for the address <paramref name="address"/> a point saw it as (behind a NAT the
    /// router's address), or null when no transaction links them.
    /// </summary>
    public string? ClientFor(int point, Transport? transport, string address)
    {
        if (transport is not { } known) return null;
        EnsureIndexes();
        return _clients!.TryGetValue((point, known, address), out var client) ? client : null;
    }

    /// <summary>A capture time of <paramref name="point"/> on the reference clock.</summary>
    public long Align(CapturePoint point, long ns) => ns - _offsets.GetValueOrDefault(point.Clock);
}
