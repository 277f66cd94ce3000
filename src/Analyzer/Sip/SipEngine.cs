using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// The stateful SIP engine: fed every SIP message in capture order, it builds transactions (RFC 3261 §17),
/// INVITE dialogs and registration attempts, and counts messages as tshark's <c>-z sip,stat</c> does.
/// Time advances with the messages (and with <see cref="OnTime"/> for the packets in between), so timers fire
/// in capture time and the live tables stay bounded. Bad input never throws: it becomes a counted anomaly.
/// </summary>
/// <remarks>
/// Memory: live transactions and dialogs are capped (the one nearest its timeout is evicted and counted);
/// completed ones are kept in full up to <see cref="SipEngineOptions.MaxRetainedTransactions"/> and
/// <see cref="SipEngineOptions.MaxRetainedTransactionBytes"/> (registrations likewise, a noteworthy one replacing
/// routine ones once full: see <see cref="RetainedList{T}"/>; dialogs the first ones) and beyond that only counted in <see cref="Statistics"/> and handed to the
/// <see cref="TransactionCompleted"/> event, so a consumer that needs every one can stream them.
/// </remarks>
public sealed class SipEngine
{
    private readonly TransactionTable _live;
    private readonly DialogTracker _dialogs;
    private readonly RegistrationTracker _registrations;
    private readonly ResendDetector _resends;
    private readonly RetainedList<Transaction> _retainedTransactions;
    private readonly RetainedList<Dialog> _completedDialogs;
    private readonly RetainedList<Registration> _retainedRegistrations;
    private readonly Dictionary<string, string> _malformedKinds = new(StringComparer.Ordinal);
    private readonly SipStateBudget _budget;
    private readonly Action<Transaction> _complete; // cached: OnTime runs for every packet and must not allocate
    private long _nextTransactionId;
    private long _resendsEvicted;
    private bool _finished;

    /// <param name="budget">Shared by the engines of every capture point of an analysis, so the caps hold for all of them together; a new one when null.</param>
    public SipEngine(SipEngineOptions? options = null, SipStateBudget? budget = null)
    {
        Options = options ?? new SipEngineOptions();
        _budget = budget ?? new SipStateBudget();
        _live = new TransactionTable(Options, _budget.LiveTransactions, _budget.LiveTransactionIndex, _budget.LiveScanLikeTransactions);
        _dialogs = new DialogTracker(Options, OnDialogCompleted, _budget.LiveDialogs, _budget.DialogIndex);
        _registrations = new RegistrationTracker(Options, OnRegistrationClosed, _budget.RegistrationBindings);
        _resends = _budget.Resends(Options.MaxResendEntries);
        Scans = new ScanTally(_budget.HeldChallenges);
        _complete = Complete;
        _retainedTransactions = new RetainedList<Transaction>(Options.MaxRetainedTransactions, _budget.RetainedTransactions,
            Options.MaxRetainedTransactionBytes, _budget.RetainedTransactionBytes);
        _completedDialogs = new RetainedList<Dialog>(Options.MaxRetainedDialogs, _budget.RetainedDialogs,
            Options.MaxRetainedDialogBytes, _budget.RetainedDialogBytes);
        _retainedRegistrations = new RetainedList<Registration>(Options.MaxRetainedRegistrations, _budget.RetainedRegistrations,
            Options.MaxRetainedRegistrationBytes, _budget.RetainedRegistrationBytes);
    }

    public SipEngineOptions Options { get; }
    public SipStatistics Statistics { get; } = new();

    /// <summary>Scanning seen in every completed transaction, also those not retained.</summary>
    public ScanTally Scans { get; }

    /// <summary>Completed transactions kept for the report (sorted by first frame after <see cref="Finish"/>).</summary>
    public IReadOnlyList<Transaction> Transactions => _retainedTransactions.Items;
    public IReadOnlyList<Dialog> Dialogs => _completedDialogs.Items;
    public IReadOnlyList<Registration> Registrations => _retainedRegistrations.Items;

    /// <summary>Transactions still waiting for their timers.</summary>
    public int LiveTransactions => _live.Count;
    public int LiveDialogs => _dialogs.Count;

    /// <summary>Latest capture time seen, in ns since the epoch.</summary>
    public long NowNs { get; private set; } = long.MinValue;

    /// <summary>Raised when a transaction completes (every one, also those not retained).</summary>
    public event Action<Transaction>? TransactionCompleted;
    public event Action<Dialog>? DialogCompleted;
    public event Action<Registration>? RegistrationCompleted;

    /// <summary>One SIP message (a UDP datagram, or a message framed from a TCP stream) in capture order.</summary>
    public void OnMessage(in PacketMeta meta, SipMessage message)
    {
        try
        {
            OnTime(meta.TimestampNs);
            Count(meta, message);
            if (message.IsRequest) OnRequest(meta, message);
            else OnResponse(meta, message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Anomaly("engine-error:" + ex.GetType().Name, meta);
        }
    }

    /// <summary>Bytes that looked like SIP but did not parse; counted, not analysed.</summary>
    public void OnMalformed(in PacketMeta meta, string reason)
    {
        OnTime(meta.TimestampNs);
        Statistics.Malformed++;
        if (!_malformedKinds.TryGetValue(reason, out var kind))
        {
            kind = "malformed:" + reason;
            if (_malformedKinds.Count < 1000) _malformedKinds[reason] = kind;
        }
        Anomaly(kind, meta);
    }

    /// <summary>
    /// A SIP message quoted inside an ICMP error (<paramref name="icmp"/> is the ICMP packet, its source the
    /// reporting router; <paramref name="quoted"/> the quoted IP/UDP header). Not counted as a SIP message;
    /// attached to the live transaction it belongs to as evidence.
    /// </summary>
    public void OnQuotedInIcmp(in PacketMeta icmp, in PacketMeta quoted, SipMessage message, byte icmpType, byte icmpCode,
        NetAddress redirectGateway = default)
    {
        try
        {
            OnTime(icmp.TimestampNs);
            Statistics.QuotedInIcmp++;
            string? method = message.IsRequest ? (message.Method == "ACK" ? "INVITE" : message.Method) : message.CSeqMethod;
            Transaction? t = null;
            if (method is not null && TransactionKey.TryCreate(icmp.Point, message, method, out var key)) t = _live.Find(key);
            if (t is null)
            {
                Anomaly("icmp-quote-without-transaction", icmp);
                return;
            }
            MakeHeldDialog(t);
            Retime(t, notScan: true); // an ICMP error is evidence a finding needs: no scan-like request any more
            t.IcmpErrors.Add(new IcmpQuote
            {
                Frame = icmp.FrameRef,
                TimestampNs = icmp.TimestampNs,
                Reporter = icmp.SourceIp.ToString(),
                ReporterMac = icmp.SourceMac.ToString(),
                Type = icmpType,
                Code = icmpCode,
                QuotedStatus = message.IsRequest ? 0 : message.StatusCode,
                QuotedDestination = quoted.Destination,
                RedirectGateway = redirectGateway.IsNone ? null : redirectGateway.ToString(),
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Anomaly("engine-error:" + ex.GetType().Name, icmp);
        }
    }

    /// <summary>Advances capture time (call it for non-SIP packets too): fires due timers, enforces the caps.</summary>
    public void OnTime(long tsNs)
    {
        if (tsNs <= NowNs) return; // time never runs backwards for the timers
        NowNs = tsNs;
        _live.Expire(tsNs, _complete);
        _dialogs.Expire(tsNs);
    }

    // The trackers count what they evict; the statistics take their figures once, when the capture ends, and
    // not at every tick: with many capture points that copy touched six of each point's cold objects per packet,
    // and it missed what the last messages after the last tick evicted.
    private void TakeEvictionCounts()
    {
        var evictions = Statistics.Evictions;
        evictions.RegistrationBindings = _registrations.Evicted;
        evictions.ResendEntries = _resendsEvicted;
        evictions.Dialogs = _dialogs.Evicted;
        evictions.DialogHistoryNotRetained = _dialogs.HistoryNotKept;
        evictions.DialogTagsNotIndexed = _dialogs.TagsNotIndexed;
        evictions.RegistrationHistoryNotRetained = _registrations.HistoryNotKept;
    }

    /// <summary>End of the capture: every open transaction, dialog and registration is decided as it stands.</summary>
    public void Finish(long endTimestampNs)
    {
        if (_finished) return;
        _finished = true;
        OnTime(endTimestampNs);
        foreach (var t in _live.DrainAll())
        {
            t.EndedByCaptureEnd = true;
            Complete(t);
        }
        _dialogs.Finish(Math.Max(endTimestampNs, NowNs));
        _retainedTransactions.Sort(static (a, b) => a.FirstFrame.CompareTo(b.FirstFrame));
        _completedDialogs.Sort(static (a, b) => a.InviteFrame.CompareTo(b.InviteFrame));
        _retainedRegistrations.Sort(static (a, b) => a.StartNs.CompareTo(b.StartNs));
        // A registration's latest step is made when first read, and reading it adds to its step list: made here for
        // every registration the report can reach (the kept ones, and those of kept REGISTER transactions), so the
        // report's readers, on another thread, never change a list. The texts made when read (clients, callers)
        // are the same string whoever makes them first.
        foreach (var r in _retainedRegistrations.Items) r.MakeLatestStep();
        foreach (var t in _retainedTransactions.Items) t.Registration?.MakeLatestStep();
        TakeEvictionCounts();
        Statistics.FlushCounts();
        Scans.FlushCounts();
    }

    private void Count(in PacketMeta meta, SipMessage message)
    {
        Statistics.Messages++;
        if (message.IsRequest) Statistics.CountRequest(message.Method ?? "");
        else Statistics.CountResponse(message.StatusCode);
        long evicted = _resends.Evicted; // shared by the engines: this one counts what its own messages evicted
        if (_resends.IsResend(meta, message)) Statistics.Retransmissions++;
        _resendsEvicted += _resends.Evicted - evicted;
        for (int i = 0; i < message.AnomalyCount; i++) Anomaly(message.Anomalies[i], meta);
        // Only when there is something to add: with many capture points the evictions are one more object per
        // point out of the cache, for a count that is nearly always zero.
        if (message.ContactsNotParsed != 0) Statistics.Evictions.ContactsNotParsed += message.ContactsNotParsed;
        if (message.Sdp is { MediaNotParsed: not 0 } sdp) Statistics.Evictions.SdpMediaNotParsed += sdp.MediaNotParsed;
    }

    private void OnRequest(in PacketMeta meta, SipMessage m)
    {
        string method = m.Method ?? "";
        if (m.CallId is null || m.CSeq < 0)
        {
            Anomaly("request-without-call-id-or-cseq", meta);
            return;
        }
        if (m.CSeqMethod is not null && m.CSeqMethod != method) Anomaly("cseq-method-mismatch", meta);
        if (method == "ACK")
        {
            OnAck(meta, m);
            return;
        }
        if (!TransactionKey.TryCreate(meta.Point, m, method, out var key))
        {
            Anomaly("request-without-via", meta);
            return;
        }

        var t = _live.Find(key);
        if (t is not null && t.RequestSeen && t.CSeq != m.CSeq)
        {
            // Same branch, new CSeq: a client reusing branches (scanners, broken stacks) — a new transaction.
            Anomaly("branch-reused", meta);
            _live.Remove(t);
            Complete(t);
            t = null;
        }
        bool isNew = t is null;
        t ??= NewTransaction(key, meta, m);
        if (!t.RequestSeen)
        {
            t.FirstRequestNs = meta.TimestampNs;
            // The first copy kept is this one: the client's text is made from it if the report ever names it.
            if (t.RequestsKept == 0 && Options.MaxMessagesPerTransaction > 0) t.ClientSentFirstRequest();
            else t.Client = meta.Source;
            t.Server = meta.Destination;
            FillRequestFields(t, m);
        }
        MakeHeldDialog(t);
        bool retransmission = t.RequestCount > 0;
        t.RequestCount++;
        if (retransmission)
        {
            Statistics.RequestRetransmissions++;
            if (t.FinalStatus is not null) t.RetransmissionsAfterFinal++;
        }
        if (t.RequestsKept < Options.MaxMessagesPerTransaction) t.AddRequest(TransactionMessage.From(meta, m, retransmission));
        else Statistics.Evictions.MessagesNotRetained++;
        t.LastMessageNs = meta.TimestampNs;
        t.Credentials ??= m.FirstCredentials;
        if (!retransmission && m.Sdp is not null) t.RequestHadSdp = true;

        if (method == "CANCEL" && isNew && _live.Find(key.WithMethod("INVITE")) is { } invite)
        {
            MakeHeldDialog(invite);
            invite.CancelTransactionId = t.Id;
            t.CancelTransactionId = invite.Id;
            Retime(invite, notScan: true);
        }

        // What it looks like as its first copy is taken in (nothing below changes that).
        bool scanLike = isNew && LooksLikeScan(t);
        var dialog = t.Dialog;
        if (dialog is null && scanLike && method == "INVITE" && m.ToTag is null && t.FirstRequest is not null
            && m.CallId is not null && m.FromTag is not null && !_dialogs.Knows(meta.Point, m.CallId, m.FromTag))
        {
            // A lone INVITE that looks like a scan's: its dialog is made when anything more of it comes, and an
            // INVITE flood's never are (a call's INVITE is answered or retransmitted within half a second). One
            // whose Call-ID and tag name a live dialog is not held (it joins that dialog below); only a sender that
            // reuses one Call-ID and tag with new branches while nothing answers gets a dialog per INVITE, not one.
            t.HeldDialogId = _dialogs.ReserveId();
        }
        else if (dialog is null)
        {
            Transaction? continued = null;
            // A REGISTER is never part of a dialog (RFC 3261 §10.2): a scan's are not looked up among the calls.
            dialog = method == "INVITE" && m.ToTag is null
                ? _dialogs.OnInitialInvite(meta, m, t, out continued)
                : method == "REGISTER" ? null : _dialogs.Find(meta.Point, m);
            Continued(continued);
            if (dialog is not null) _dialogs.Attach(dialog, t);
        }
        if (dialog is not null) _dialogs.OnRequest(dialog, meta, m, !retransmission);

        if (method == "REGISTER" && isNew)
        {
            _registrations.OnRequest(t, meta, m);
            // The attempt's earlier REGISTER (challenged, most often) came from a client that went on: no scan.
            if (t.Registration is { TransactionCount: > 1 } reg && reg.TransactionAt(reg.TransactionCount - 2) is { HeldAsScanLike: true } earlier)
                Retime(earlier, notScan: true);
        }

        // Timed once its first copy is taken in, by what it looks like then; a dialog it opened or joined is
        // timed with it unless it is held as a scan's request.
        if (scanLike)
        {
            HoldAsScanLike(t);
            return;
        }
        if (isNew) _live.StartTimer(t);
        Retime(t);
    }

    // A transaction that no longer looks like a scan's (or is known not to be one: notScan) is timed as any other,
    // and so is a dialog it was holding.
    private void Retime(Transaction t, bool notScan = false)
    {
        if (t.HeldAsScanLike && (notScan || !LooksLikeScan(t))) _live.Confirm(t);
        if (!t.HeldAsScanLike && t.Dialog is { HeldWithInvite: true } d) _dialogs.StartTimer(d);
    }

    // Something more than its lone first copy came for an INVITE whose dialog was held back: the dialog is made
    // now, from that first copy, before this message is taken in.
    private void MakeHeldDialog(Transaction t)
    {
        long id = t.TakeHeldDialogId();
        if (id == 0) return;
        _dialogs.OnHeldInitialInvite(t, id, out var continued);
        Continued(continued);
    }

    // A client that answers a challenge is no scanner: the challenged INVITE it continues is held as any other.
    private void Continued(Transaction? challenged)
    {
        if (challenged is { HeldAsScanLike: true }) Retime(challenged, notScan: true);
    }

    // What a scan's request looks like while it is live: what ScanTally counts as scan evidence, with nothing yet
    // that a phone's transaction has and a finding may need (a provisional response, an ICMP error, a resent
    // response, a CANCEL).
    private static bool LooksLikeScan(Transaction t) =>
        ScanTally.EvidenceOf(t) != ScanEvidence.None && !t.HasProvisional && !t.HasIcmpErrors
        && t.ResponseRetransmissions == 0 && t.CancelTransactionId is null;

    // Held among the scan-like transactions, the oldest of which give way when there are too many of them (the
    // cap holds for every capture point's engine together; this one evicts from its own table) — once they had
    // their grace to show they are a phone's: younger ones stay, up to the cap of the whole table.
    private void HoldAsScanLike(Transaction t)
    {
        _live.HoldAsScanLike(t);
        long sentBy = t.FirstRequestNs - Options.ScanLikeGraceNs;
        while (_live.TotalScanLike > Options.MaxLiveScanLikeTransactions && _live.EvictOldestScanLike(t, sentBy) is { } evicted)
        {
            evicted.Evicted = true;
            Statistics.Evictions.ScanLikeTransactions++;
            Complete(evicted);
        }
    }

    // ACK for a non-2xx final response shares the INVITE's branch (RFC 3261 §17.1.1.3); ACK for a 2xx is a
    // new transaction of its own within the dialog, with no response — it belongs to the dialog.
    private void OnAck(in PacketMeta meta, SipMessage m)
    {
        Transaction? invite = null;
        if (TransactionKey.TryCreate(meta.Point, m, "INVITE", out var key)) invite = _live.Find(key);
        if (invite is not null) MakeHeldDialog(invite);
        var dialog = invite?.Dialog ?? _dialogs.Find(meta.Point, m);
        if (invite is null && dialog is not null) invite = InviteAcknowledged(dialog, meta, m);
        if (invite is null && dialog is null)
        {
            Anomaly("ack-without-invite", meta);
            return;
        }
        bool firstAck = true;
        if (invite is not null)
        {
            firstAck = !IsRepeatedAck(invite, meta, m);
            Keep(invite.Acks, meta, m, !firstAck);
            invite.LastMessageNs = Math.Max(invite.LastMessageNs, meta.TimestampNs);
        }
        // The ACK of a non-2xx response is part of the failed INVITE, not of the dialog.
        bool confirmsAnswer = invite?.FinalStatus is null or (>= 200 and < 300);
        if (dialog is not null && confirmsAnswer) _dialogs.OnRequest(dialog, meta, m, firstAck, invite);
    }

    // The INVITE a 2xx ACK confirms: same CSeq, sent by the same client — a proxy that forwards with the same
    // Call-ID shows one INVITE per leg at the capture point.
    private static Transaction? InviteAcknowledged(Dialog dialog, in PacketMeta meta, SipMessage ack) =>
        dialog.Invites.Acknowledged(ack.CSeq, meta.Source);

    private static bool IsRepeatedAck(Transaction invite, in PacketMeta meta, SipMessage ack)
    {
        foreach (var earlier in invite.Acks)
            if (earlier.Length == ack.Length && earlier.Meta.SourceIp == meta.SourceIp && earlier.Meta.SourcePort == meta.SourcePort)
                return true;
        return false;
    }

    private void OnResponse(in PacketMeta meta, SipMessage m)
    {
        if (m.CallId is null || m.CSeq < 0 || m.CSeqMethod is null)
        {
            Anomaly("response-without-call-id-or-cseq", meta);
            return;
        }
        if (!TransactionKey.TryCreate(meta.Point, m, m.CSeqMethod, out var key))
        {
            Anomaly("response-without-via", meta);
            return;
        }
        var t = _live.Find(key);
        if (t is null)
        {
            Anomaly("response-without-request", meta);
            t = NewTransaction(key, meta, m);
            t.Client = meta.Destination;
            t.Server = meta.Source;
            FillRequestFields(t, m);
            _live.StartTimer(t);
        }
        MakeHeldDialog(t);

        int status = m.StatusCode;
        var group = t.ResponsesWithStatus(status);
        if (group is null)
        {
            group = new ResponseGroup { Status = status, Reason = m.ReasonPhrase };
            t.AddResponses(group);
        }
        bool retransmission = group.IsCopyOf(m.Length, m.ToTag);
        if (retransmission)
        {
            group.Retransmissions++;
            t.ResponseRetransmissions++;
            Statistics.ResponseRetransmissions++;
        }
        group.Count++;
        if (group.MessagesKept < Options.MaxMessagesPerTransaction) group.AddMessage(TransactionMessage.From(meta, m, retransmission));
        else Statistics.Evictions.MessagesNotRetained++;
        t.LastMessageNs = meta.TimestampNs;
        t.FirstResponseNs ??= meta.TimestampNs;
        t.ServerAgent ??= m.Server;

        if (status < 200)
        {
            t.FirstProvisionalNs ??= meta.TimestampNs;
        }
        else if (t.FinalStatus is null)
        {
            t.FinalStatus = status;
            t.FinalReason = m.ReasonPhrase;
            t.FinalResponseNs = meta.TimestampNs;
            if (t.RequestSeen) t.ResponseTimeMs = (meta.TimestampNs - t.FirstRequestNs) / 1e6;
            t.ToTag ??= m.ToTag;
            if (status is 401 or 407 && m.FirstChallenge is { } challenge) t.Challenge = challenge;
            if (t.Registration is not null) _registrations.OnFinalResponse(t, meta, m);
        }

        var dialog = t.Dialog;
        if (dialog is null && t.Method != "REGISTER" && _dialogs.Find(meta.Point, m) is { } found)
        {
            dialog = found;
            _dialogs.Attach(dialog, t);
        }
        if (dialog is not null) _dialogs.OnResponse(dialog, meta, m, t, !retransmission);
        Retime(t);
    }

    private Transaction NewTransaction(in TransactionKey key, in PacketMeta meta, SipMessage m)
    {
        if (key.IsRfc2543) Anomaly("via-without-magic-cookie", meta);
        var t = new Transaction
        {
            Id = ++_nextTransactionId,
            Key = key,
            Capture = meta.Capture,
            Point = meta.Point,
            Method = key.Method,
            CallId = m.CallId,
            CSeq = m.CSeq,
            Branch = m.TopVia?.Branch ?? "",
            Rfc2543 = key.IsRfc2543,
            Transport = meta.Transport,
            FirstFrame = meta.FrameRef,
            LastMessageNs = meta.TimestampNs,
        };
        _live.Add(t); // timed by the caller once the message is taken in
        // The cap holds for every capture point's engine together; this one evicts from its own table.
        while (_live.TotalCount > Options.MaxLiveTransactions && _live.Count > 1 && _live.EvictOne(out bool scanLike) is { } evicted)
        {
            evicted.Evicted = true;
            // Counted by whose request it was, whichever cap took it: a flood's own, or a phone's.
            if (scanLike) Statistics.Evictions.ScanLikeTransactions++;
            else Statistics.Evictions.Transactions++;
            Complete(evicted);
        }
        return t;
    }

    private static void FillRequestFields(Transaction t, SipMessage m)
    {
        if (m.IsRequest) t.RequestUri = m.RequestUri;
        t.FromUri = m.FromUri;
        t.FromTag = m.FromTag;
        t.ToUri = m.ToUri;
        if (m.IsRequest) t.ToTag = m.ToTag;
        t.UserAgent ??= m.IsRequest ? m.UserAgent : null;
    }

    private void Complete(Transaction t)
    {
        t.IsCompleted = true;
        t.Outcome = OutcomeOf(t);
        Statistics.CountTransaction(t.Outcome, t.Method);
        if (t.Dialog is { } d && ReferenceEquals(d.InitialInvite, t)) _dialogs.OnInitialInviteCompleted(d, t);
        else if (t.TakeHeldDialogId() is not 0 and var dialogId)
        {
            // The dialog of a lone INVITE that nothing would keep or see (the kept dialogs are full of routine ones,
            // nobody listens) is counted, not made: an INVITE flood's are each a dialog object made only to be refused.
            if (DialogCompleted is null && _completedDialogs.Refuses(noteworthy: false))
            {
                Statistics.CountDialog(DialogOutcome.Unanswered);
                Statistics.Evictions.DialogsNotRetained++;
            }
            else _dialogs.CompleteLoneInvite(t, dialogId);
        }
        if (t.Registration is not null) _registrations.OnTransactionCompleted(t);
        // Scan traffic of a known scan is summed up in one finding: it must not crowd a phone's fault out.
        bool scan = Scans.Observe(t);
        Statistics.Evictions.TransactionsNotRetained += _retainedTransactions.Add(t, IsNoteworthy(t) && !scan, RetainedSize.Of);
        TransactionCompleted?.Invoke(t);
    }

    // What the path analysis and the findings look for: retransmitted requests or responses, no answer, an
    // ICMP error, a failure other than a digest challenge.
    private static bool IsNoteworthy(Transaction t) =>
        t.Outcome != TransactionOutcome.Answered || t.RequestCount > 1 || t.ResponseRetransmissions > 0
        || t.HasIcmpErrors || t.FinalStatus is >= 300 and not (401 or 407);

    private TransactionOutcome OutcomeOf(Transaction t)
    {
        if (!t.RequestSeen) return TransactionOutcome.ResponseOnly;
        if (t.FinalResponseNs is long final)
        {
            // Timer F (non-INVITE) runs regardless of provisional responses; timer B (INVITE) stops at the first one.
            bool timerStopped = t.Method == "INVITE" && t.FirstProvisionalNs < final;
            return final - t.FirstRequestNs > Options.TimeoutNs && !timerStopped
                ? TransactionOutcome.AnsweredLate
                : TransactionOutcome.Answered;
        }
        if (t.Evicted) return TransactionOutcome.Evicted;
        return t.HasProvisional ? TransactionOutcome.ProvisionalOnly : TransactionOutcome.Unanswered;
    }

    private void OnDialogCompleted(Dialog d)
    {
        Statistics.CountDialog(d.Outcome ?? DialogOutcome.Unanswered);
        // A call is noteworthy; a dialog that ended with its scan-like INVITE (a flood's, one unanswered or turned
        // away request) is routine, and gives way to calls that come after the flood has filled the kept set.
        Statistics.Evictions.DialogsNotRetained += _completedDialogs.Add(d, noteworthy: !d.HeldWithInvite, RetainedSize.Of);
        DialogCompleted?.Invoke(d);
    }

    private void OnRegistrationClosed(Registration r)
    {
        SipStatistics.Increment(Statistics.RegistrationsByOutcome, r.Outcome ?? RegistrationOutcome.Other);
        bool routine = (r.Outcome is RegistrationOutcome.Registered or RegistrationOutcome.Deregistered
            && !HasRetransmissions(r)) || IsScan(r);
        Statistics.Evictions.RegistrationsNotRetained += _retainedRegistrations.Add(r, !routine, RetainedSize.Of);
        RegistrationCompleted?.Invoke(r);
    }

    // By index, not through the lists, which reading would make for every attempt (a scan has one per REGISTER).
    private static bool HasRetransmissions(Registration r)
    {
        for (int i = 0; i < r.StepCount; i++) if (r.StepAt(i).Retransmissions != 0) return true;
        return false;
    }

    private bool IsScan(Registration r)
    {
        if (r.TransactionCount == 0 || Scans.ScanOf(r.Server) is null) return false;
        for (int i = 0; i < r.TransactionCount; i++)
            if (ScanTally.EvidenceOf(r.TransactionAt(i)) is ScanEvidence.None or ScanEvidence.Challenged) return false;
        return true;
    }

    // The record is made only when there is room for it: a dialog's thousands of repeated ACKs or a flood of
    // retransmissions past the cap would otherwise each build one to drop it.
    private void Keep(List<TransactionMessage> list, in PacketMeta meta, SipMessage message, bool retransmission)
    {
        if (list.Count < Options.MaxMessagesPerTransaction) list.Add(TransactionMessage.From(meta, message, retransmission));
        else Statistics.Evictions.MessagesNotRetained++;
    }

    private void Anomaly(string kind, in PacketMeta meta) =>
        Statistics.AddAnomaly(kind, meta.FrameRef, Options.MaxFramesPerAnomaly);
}
