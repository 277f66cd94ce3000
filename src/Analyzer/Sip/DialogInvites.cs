namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// The INVITE transactions of one dialog by CSeq, so that the ACK of a 2xx (a transaction of its own) finds
/// the INVITE it confirms without walking every transaction of the dialog: one dialog with many in-dialog
/// requests and ACKs would otherwise cost time quadratic in their number. Bounded: the latest few INVITEs per
/// CSeq (a proxy forwarding with the same Call-ID shows one per leg), and a fresh start past a cap on CSeqs.
/// </summary>
/// <remarks>A struct held in its dialog (one object fewer per live dialog under a flood of unanswered INVITEs).</remarks>
internal struct DialogInvites
{
    private const int MaxPerCSeq = 8;
    private const int MaxCSeqs = 4096;

    // Most dialogs only ever see their initial INVITE: it waits here, and the index is made for a second one
    // (a flood of unanswered INVITEs keeps ten thousand live dialogs, each index four objects to collect).
    private Transaction? _only;
    private Dictionary<long, List<Transaction>>? _byCSeq;
    private bool _closed;

    /// <summary>Forgets every INVITE and takes no more (the dialog is over).</summary>
    public void Close()
    {
        _only = null;
        _byCSeq = null;
        _closed = true;
    }

    public void Add(Transaction invite)
    {
        if (_closed) return;
        if (_byCSeq is null && _only is null)
        {
            _only = invite;
            return;
        }
        if (_byCSeq is null)
        {
            _byCSeq = new Dictionary<long, List<Transaction>>(CSeqComparer.Instance);
            _byCSeq[_only!.CSeq] = new List<Transaction>(2) { _only };
            _only = null;
        }
        if (!_byCSeq.TryGetValue(invite.CSeq, out var list))
        {
            if (_byCSeq.Count >= MaxCSeqs) _byCSeq.Clear();
            _byCSeq[invite.CSeq] = list = new List<Transaction>(1);
        }
        if (list.Count == MaxPerCSeq) list.RemoveAt(0);
        list.Add(invite);
    }

    /// <summary>
    /// The INVITE an ACK with <paramref name="cseq"/> from <paramref name="client"/> confirms: the latest one of
    /// that CSeq sent by the same client, else the latest one of that CSeq; null when none.
    /// </summary>
    public readonly Transaction? Acknowledged(long cseq, string client)
    {
        if (_only is not null) return _only.CSeq == cseq ? _only : null;
        if (_byCSeq is null || !_byCSeq.TryGetValue(cseq, out var list)) return null;
        for (int i = list.Count - 1; i >= 0; i--)
            if (list[i].Client == client) return list[i];
        return list[^1];
    }
}
