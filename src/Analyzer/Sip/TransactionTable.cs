namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Live transactions by key, with their timers in a priority queue. A transaction's deadline only moves
/// later (new messages extend it), so timers are re-checked lazily when they come due instead of updated.
/// The index may be shared by the tables of every capture point (the key holds the point); timers and count
/// are this table's own.
/// </summary>
/// <remarks>
/// Transactions that look like scan traffic so far (<see cref="SipEngine"/> decides: one copy of a REGISTER,
/// OPTIONS or INVITE over UDP, no credentials, unanswered or turned away) are held in arrival order instead, under
/// a cap of their own: the oldest of them gives way first. A scan's requests then replace each other instead of a
/// phone's transactions, and each lives a few thousand requests instead of the whole table's ten thousand — short
/// enough for the collector to free it young, where living through two collections made a scan cost several times
/// a call's traffic per megabyte. Arrival order is their deadline order too (timer F from the one request, and a
/// linger after it), so the same queue times them out. A transaction stops looking like scan traffic at its first
/// retransmission, provisional response, ICMP error or credentials; it then gets a timer as any other.
/// </remarks>
internal sealed class TransactionTable
{
    private readonly SipEngineOptions _options;
    private readonly TransactionIndex _live;
    private readonly PriorityQueue<Transaction, long> _timers = new();
    private readonly Queue<Transaction> _scanLike = new();
    private readonly SharedCount _total;
    private readonly SharedCount _scanLikeTotal;
    private int _count;
    private int _scanLikeCount;

    /// <param name="total">Live transactions of every table of the analysis (this one's included).</param>
    /// <param name="index">Live transactions by key, of every table of the analysis; a table's own when null.</param>
    /// <param name="scanLikeTotal">Live scan-like transactions of every table of the analysis (this one's included).</param>
    public TransactionTable(SipEngineOptions options, SharedCount? total = null, TransactionIndex? index = null,
        SharedCount? scanLikeTotal = null)
    {
        _options = options;
        _total = total ?? new SharedCount();
        _scanLikeTotal = scanLikeTotal ?? new SharedCount();
        _live = index ?? new();
    }

    /// <summary>Live transactions of every table sharing this one's count.</summary>
    public int TotalCount => _total.Value;

    public int Count => _count;

    /// <summary>Live scan-like transactions of every table sharing this one's count.</summary>
    public int TotalScanLike => _scanLikeTotal.Value;

    public Transaction? Find(in TransactionKey key) => _live.Find(key);

    /// <summary>
    /// Adds a transaction to the index; it is timed once its first message is taken in, by <see cref="StartTimer"/>
    /// or <see cref="HoldAsScanLike"/>, and until then no eviction picks it.
    /// </summary>
    public void Add(Transaction transaction)
    {
        if (_live.Set(transaction) is { } replaced)
        {
            ReleaseScanLike(replaced);
            replaced.InLiveTable = false;
        }
        else
        {
            _total.Value++;
            _count++;
        }
        transaction.InLiveTable = true;
    }

    /// <summary>Times a live transaction by its deadline.</summary>
    public void StartTimer(Transaction transaction)
    {
        long due = DeadlineOf(transaction);
        _timers.Enqueue(transaction, due);
        if (due < _nextDueNs) _nextDueNs = due;
    }

    // The earliest due time queued (it may lie before the true one after an eviction, never after it): most
    // messages find nothing due, and this answers without reading the queue, a cold array per capture point.
    private long _nextDueNs = long.MaxValue;

    // The same for the scan-like queue: its head's deadline when last read.
    private long _scanLikeDueNs = long.MaxValue;

    /// <summary>Holds a live transaction (just added) among the scan-like ones, the newest of them.</summary>
    public void HoldAsScanLike(Transaction t)
    {
        if (!t.InLiveTable || t.HeldAsScanLike) return;
        t.HeldAsScanLike = true;
        _scanLikeCount++;
        _scanLikeTotal.Value++;
        // Entries of transactions that left the table or stopped looking like a scan stay queued until they reach
        // the head, where they are dropped; a queue much longer than what it holds is rebuilt, so it stays within a
        // few times its cap whatever the traffic, and holds on to few finished transactions. The head is not looked
        // at here: it is the point's oldest transaction, out of the CPU cache when hundreds of points take turns,
        // and an eviction or a timer reads it soon enough.
        if (_scanLike.Count >= 4 * Math.Max(_scanLikeCount, _options.MaxLiveScanLikeTransactions)) Compact();
        _scanLike.Enqueue(t);
        _scanLikeDueNs = Math.Min(_scanLikeDueNs, DeadlineOf(t));
    }

    /// <summary>The transaction no longer looks like scan traffic: it is timed as any other from now on.</summary>
    public void Confirm(Transaction t)
    {
        if (!t.HeldAsScanLike) return;
        ReleaseScanLike(t);
        if (t.InLiveTable) StartTimer(t);
    }

    private void ReleaseScanLike(Transaction t)
    {
        if (!t.HeldAsScanLike) return;
        t.HeldAsScanLike = false;
        _scanLikeCount--;
        _scanLikeTotal.Value--;
    }

    /// <summary>
    /// Removes the oldest live scan-like transaction other than <paramref name="keep"/> (to stay under their cap),
    /// if its request came at or before <paramref name="sentBy"/>; null when this table holds no other, or the
    /// oldest is younger.
    /// </summary>
    public Transaction? EvictOldestScanLike(Transaction? keep, long sentBy = long.MaxValue)
    {
        if (!TryPeekScanLike(out var t) || ReferenceEquals(t, keep) || t.FirstRequestNs > sentBy) return null;
        _scanLike.Dequeue();
        Forget(t);
        return t;
    }

    // The oldest live scan-like transaction, the stale entries before it dropped on the way.
    private bool TryPeekScanLike(out Transaction t)
    {
        while (_scanLike.TryPeek(out t!))
        {
            if (!IsStale(t)) return true;
            _scanLike.Dequeue();
        }
        return false;
    }

    private void Compact()
    {
        int n = _scanLike.Count;
        for (int i = 0; i < n; i++)
        {
            var t = _scanLike.Dequeue();
            if (!IsStale(t)) _scanLike.Enqueue(t);
        }
    }

    private static bool IsStale(Transaction t) => !t.HeldAsScanLike || !IsLive(t) || t.IsCompleted;

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
        if (nowNs >= _scanLikeDueNs) ExpireScanLike(nowNs, complete);
        if (nowNs < _nextDueNs) return;
        long next;
        while (_timers.TryPeek(out var t, out next) && next <= nowNs)
        {
            _timers.Dequeue();
            if (t.IsCompleted || !IsLive(t) || t.HeldAsScanLike) continue;
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

    private void ExpireScanLike(long nowNs, Action<Transaction> complete)
    {
        while (TryPeekScanLike(out var t))
        {
            long deadline = DeadlineOf(t);
            if (deadline > nowNs)
            {
                _scanLikeDueNs = deadline;
                return;
            }
            _scanLike.Dequeue();
            Forget(t);
            complete(t);
        }
        _scanLikeDueNs = long.MaxValue;
    }

    /// <summary>
    /// Removes a live transaction to stay under the cap: the oldest scan-like one (<paramref name="scanLike"/>), else
    /// the one closest to its deadline; null when none is timed yet.
    /// </summary>
    public Transaction? EvictOne(out bool scanLike)
    {
        var oldest = EvictOldestScanLike(null);
        scanLike = oldest is not null;
        if (scanLike) return oldest;
        while (_timers.TryDequeue(out var t, out _))
        {
            if (t.IsCompleted || !IsLive(t) || t.HeldAsScanLike) continue;
            Forget(t);
            return t;
        }
        return null;
    }

    /// <summary>Empties the table (end of capture), in deadline order.</summary>
    /// <remarks>Every live transaction past its first message has a timer or a place among the scan-like ones (one
    /// comes off either queue only to be queued again or forgotten), so the queues alone give them all, and the
    /// index may hold other tables' keys.</remarks>
    public List<Transaction> DrainAll()
    {
        var all = new List<(Transaction T, long Due)>(_count);
        while (_timers.TryDequeue(out var t, out _))
            if (!t.IsCompleted && IsLive(t) && !t.HeldAsScanLike) { all.Add((t, DeadlineOf(t))); Forget(t); }
        while (_scanLike.TryDequeue(out var t))
            if (!IsStale(t)) { all.Add((t, DeadlineOf(t))); Forget(t); }
        all.Sort(static (a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.T.Id.CompareTo(b.T.Id));
        var drained = new List<Transaction>(all.Count);
        foreach (var (t, _) in all) drained.Add(t);
        return drained;
    }

    private void Forget(Transaction t)
    {
        ReleaseScanLike(t);
        t.InLiveTable = false;
        if (_live.Remove(t))
        {
            _total.Value--;
            _count--;
        }
    }

    // A flag on the transaction instead of a look-up: the table evicts one transaction per new one under a flood.
    private static bool IsLive(Transaction t) => t.InLiveTable;
}
