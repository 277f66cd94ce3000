using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Live transactions by key, with their timers in a priority queue. A transaction's deadline only moves
/// later (new messages extend it), so timers are re-checked lazily when they come due instead of updated.
/// The index may be shared by the tables of every capture point (the key holds the point); timers and count
/// are this table's own.
/// </summary>
internal sealed class TransactionTable
{
    private readonly SipEngineOptions _options;
    private readonly Dictionary<TransactionKey, Transaction> _live;
    private readonly PriorityQueue<Transaction, long> _timers = new();
    private readonly SharedCount _total;
    private int _count;

    /// <param name="total">Live transactions of every table of the analysis (this one's included).</param>
    /// <param name="index">Live transactions by key, of every table of the analysis; a table's own when null.</param>
    public TransactionTable(SipEngineOptions options, SharedCount? total = null, Dictionary<TransactionKey, Transaction>? index = null)
    {
        _options = options;
        _total = total ?? new SharedCount();
        _live = index ?? new();
    }

    /// <summary>Live transactions of every table sharing this one's count.</summary>
    public int TotalCount => _total.Value;

    public int Count => _count;

    public Transaction? Find(in TransactionKey key) => _live.TryGetValue(key, out var t) ? t : null;

    public void Add(Transaction transaction)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_live, transaction.Key, out bool exists);
        if (exists && slot is { } replaced) replaced.InLiveTable = false;
        slot = transaction;
        transaction.InLiveTable = true;
        if (!exists)
        {
            _total.Value++;
            _count++;
        }
        long due = DeadlineOf(transaction);
        _timers.Enqueue(transaction, due);
        if (due < _nextDueNs) _nextDueNs = due;
    }

    // The earliest due time queued (it may lie before the true one after an eviction, never after it): most
    // messages find nothing due, and this answers without reading the queue, a cold array per capture point.
    private long _nextDueNs = long.MaxValue;

    /// <summary>Takes a transaction out of the table before its time (its key was reused).</summary>
    public void Remove(Transaction transaction)
    {
        if (transaction.InLiveTable) Forget(transaction);
    }

    /// <summary>
    /// When the transaction can no longer receive anything of its own: timer F (or, for an INVITE with a
    /// provisional response, timer C) after the request, plus a linger for late responses, retransmissions
    /// after the final response and the ACK.
    /// </summary>
    public long DeadlineOf(Transaction t)
    {
        if (t.FinalStatus is null && t.HasProvisional && t.Method == "INVITE")
            return t.LastMessageNs + _options.InviteProceedingTimeoutNs;
        long start = t.RequestSeen ? Math.Max(t.FirstRequestNs + _options.TimeoutNs, t.LastMessageNs) : t.LastMessageNs;
        return start + _options.LingerNs;
    }

    /// <summary>Removes and hands out every transaction whose deadline is at or before <paramref name="nowNs"/>.</summary>
    public void Expire(long nowNs, Action<Transaction> complete)
    {
        if (nowNs < _nextDueNs) return;
        long next;
        while (_timers.TryPeek(out var t, out next) && next <= nowNs)
        {
            _timers.Dequeue();
            if (t.IsCompleted || !IsLive(t)) continue;
            long deadline = DeadlineOf(t);
            if (deadline > nowNs)
            {
                _timers.Enqueue(t, deadline);
                continue;
            }
            Forget(t);
            complete(t);
        }
        _nextDueNs = _timers.Count > 0 ? next : long.MaxValue;
    }

    /// <summary>Removes the live transaction closest to its deadline (to stay under the cap); null when empty.</summary>
    public Transaction? EvictOne()
    {
        while (_timers.TryDequeue(out var t, out _))
        {
            if (t.IsCompleted || !IsLive(t)) continue;
            Forget(t);
            return t;
        }
        return null;
    }

    /// <summary>Empties the table (end of capture), in deadline order.</summary>
    /// <remarks>Every live transaction has a timer (<see cref="Add"/> queues one, and one comes off the queue only to
    /// be queued again or forgotten), so the queue alone gives them all, and the index may hold other tables' keys.</remarks>
    public List<Transaction> DrainAll()
    {
        var all = new List<Transaction>(_count);
        while (_timers.TryDequeue(out var t, out _))
            if (!t.IsCompleted && IsLive(t)) { all.Add(t); Forget(t); }
        return all;
    }

    private void Forget(Transaction t)
    {
        t.InLiveTable = false;
        if (_live.Remove(t.Key))
        {
            _total.Value--;
            _count--;
        }
    }

    // A flag on the transaction instead of a look-up: the table evicts one transaction per new one under a flood.
    private static bool IsLive(Transaction t) => t.InLiveTable;
}
