using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// INVITE dialogs by Call-ID and tags (both the caller's and the callee's tag lead to the dialog, so requests
/// from either side find it), their state machine, and the SDP offer/answer inside them.
/// </summary>
internal sealed class DialogTracker
{
    private readonly SipEngineOptions _options;
    private readonly Action<Dialog> _completed;
    private readonly Dictionary<CallIdKey, Dialog> _byTag;
    private readonly PriorityQueue<Dialog, long> _timers = new();
    private readonly SharedCount _open;
    private int _live;
    private long _nextId;

    /// <param name="open">Open dialogs of every tracker of the analysis (this one's included).</param>
    /// <param name="index">Open dialogs by Call-ID and tag, of every tracker of the analysis (a key holds its
    /// capture point); a tracker's own when null.</param>
    public DialogTracker(SipEngineOptions options, Action<Dialog> completed, SharedCount? open = null,
        Dictionary<CallIdKey, Dialog>? index = null)
    {
        _options = options;
        _completed = completed;
        _open = open ?? new SharedCount();
        _byTag = index ?? new();
    }

    public int Count => _live;

    public long Evicted { get; private set; }

    /// <summary>Transactions and SDP bodies dropped from the middle of long dialogs' histories.</summary>
    public long HistoryNotKept { get; private set; }

    /// <summary>Responses whose To tag was new to a dialog that already had its cap of branches.</summary>
    public long TagsNotIndexed { get; private set; }

    /// <summary>The dialog a request or response belongs to, by From tag then To tag.</summary>
    public Dialog? Find(int point, SipMessage message)
    {
        if (message.CallId is null) return null;
        if (message.FromTag is string from && _byTag.TryGetValue(new CallIdKey(point, message.CallId, from), out var d)) return d;
        if (message.ToTag is string to && _byTag.TryGetValue(new CallIdKey(point, message.CallId, to), out d)) return d;
        return null;
    }

    /// <summary>
    /// An initial INVITE (no To tag) opens a dialog; its retransmissions find the same one. <paramref name="continued"/>
    /// is the challenged INVITE this one retries with credentials (the same call attempt), null otherwise.
    /// </summary>
    public Dialog? OnInitialInvite(in PacketMeta meta, SipMessage message, Transaction invite, out Transaction? continued) =>
        OnInitialInvite(meta, message.CallId, message.FromTag, message.FromUri, message.ToUri, invite, 0, out continued);

    /// <summary>
    /// The dialog of an initial INVITE whose dialog waited (<see cref="ReserveId"/>) while it looked like a scan's
    /// lone request: made now from its first copy, as it would have been when that copy came.
    /// </summary>
    public Dialog? OnHeldInitialInvite(Transaction invite, long reservedId, out Transaction? continued)
    {
        var first = invite.FirstRequest!;
        var dialog = OnInitialInvite(first.Meta, invite.CallId, invite.FromTag, invite.FromUri, invite.ToUri, invite, reservedId, out continued);
        if (dialog is not null) AttachFirstCopy(dialog, invite, first);
        return dialog;
    }

    // The INVITE joins the dialog made from its first copy, whose SDP (if any) is the caller's offer, as
    // OnRequest takes it when that copy comes.
    private void AttachFirstCopy(Dialog dialog, Transaction invite, TransactionMessage first)
    {
        Attach(dialog, invite);
        if (first.Sdp is { } offer) AddSdp(dialog, first.Meta, 0, offer, "INVITE", "caller", "offer");
    }

    /// <summary>
    /// A dialog number for an initial INVITE whose dialog is made later (or never kept live): numbers stay in the
    /// order the INVITEs came.
    /// </summary>
    public long ReserveId() => ++_nextId;

    /// <summary>True when a live dialog has this Call-ID and tag at the capture point (an INVITE with them joins it).</summary>
    public bool Knows(int point, string callId, string tag) => _byTag.ContainsKey(new CallIdKey(point, callId, tag));

    /// <summary>
    /// The dialog of a lone initial INVITE that ended as a scan's request (nothing but its one copy came), made and
    /// ended at once: it is counted and may be reported like any call attempt, but never lived among the calls,
    /// so a flood of them costs the tracker no state. Its INVITE's eviction, if that is how it ended, is counted
    /// there, not again here.
    /// </summary>
    public void CompleteLoneInvite(Transaction invite, long reservedId)
    {
        var first = invite.FirstRequest!;
        if (invite.CallId is null || invite.FromTag is not string callerTag) return;
        var dialog = NewDialog(first.Meta, invite.CallId, callerTag, 0, invite.FromUri, invite.ToUri, invite, reservedId);
        dialog.HeldWithInvite = true;
        AttachFirstCopy(dialog, invite, first);
        dialog.Outcome = DialogOutcome.Unanswered;
        dialog.EndedByCaptureEnd = invite.EndedByCaptureEnd;
        dialog.Evicted = invite.Evicted;
        Terminate(dialog, invite.LastMessageNs);
        dialog.IsCompleted = true;
        dialog.Invites.Close();
        _completed(dialog);
    }

    private Dialog? OnInitialInvite(in PacketMeta meta, string? callId, string? fromTag, string? fromUri, string? toUri,
        Transaction invite, long reservedId, out Transaction? continued)
    {
        continued = null;
        if (callId is null || fromTag is not string callerTag) return null;
        var key = new CallIdKey(meta.Point, callId, callerTag);
        if (_byTag.TryGetValue(key, out var existing))
        {
            if (ReferenceEquals(existing.InitialInvite, invite) || existing.State != DialogState.Terminated) return existing;
            if (existing.FinalStatus is 401 or 407 && existing.AnswerNs is null)
            {
                // The retry with credentials (same Call-ID and From tag) continues the same call attempt.
                continued = existing.InitialInvite;
                existing.AuthChallenges++;
                existing.State = DialogState.Trying;
                existing.Outcome = null;
                existing.FinalStatus = null;
                existing.EndNs = null;
                existing.InitialInvite = invite;
                existing.LastMessageNs = meta.TimestampNs;
                return existing;
            }
            Complete(existing);
        }
        var dialog = NewDialog(meta, callId, callerTag, key.GetHashCode(), fromUri, toUri, invite, reservedId);
        _byTag[key] = dialog;
        _live++;
        _open.Value++;
        // Timed once the engine knows what the INVITE looks like (StartTimer), or ended with a scan-like INVITE.
        dialog.HeldWithInvite = true;
        while (_open.Value > _options.MaxLiveDialogs && _live > 1 && EvictOne()) { }
        return dialog;
    }

    private Dialog NewDialog(in PacketMeta meta, string callId, string callerTag, int keyHash, string? fromUri, string? toUri,
        Transaction invite, long reservedId)
    {
        // The INVITE's client when that is where this request came from (its text made when read).
        bool callerIsClient = invite.ClientUnmadeAndIs(meta.SourceIp, meta.SourcePort);
        return new Dialog
        {
            Id = reservedId != 0 ? reservedId : ++_nextId,
            Capture = meta.Capture,
            Point = meta.Point,
            CallId = callId,
            CallerTag = callerTag,
            CallerKeyHash = keyHash,
            CallerUri = fromUri,
            CalleeUri = toUri,
            CallerTransaction = callerIsClient ? invite : null,
            CallerText = callerIsClient ? null : meta.Source,
            Callee = meta.Destination,
            Transport = invite.Transport,
            InviteNs = meta.TimestampNs,
            InviteFrame = meta.FrameRef,
            InitialInvite = invite,
            LastMessageNs = meta.TimestampNs,
        };
    }

    /// <summary>
    /// Gives a dialog held with its initial INVITE a timer of its own: something of it (the INVITE's answer, a
    /// retransmission, a CANCEL, a request inside it) is more than a scan would send.
    /// </summary>
    public void StartTimer(Dialog dialog)
    {
        if (!dialog.HeldWithInvite || dialog.IsCompleted) return;
        dialog.HeldWithInvite = false;
        long due = DeadlineOf(dialog);
        _timers.Enqueue(dialog, due);
        if (due < _nextDueNs) _nextDueNs = due;
    }

    /// <summary>Adds a transaction to a dialog (once).</summary>
    public void Attach(Dialog dialog, Transaction transaction)
    {
        if (transaction.Dialog is not null) return;
        transaction.Dialog = dialog;
        // The ACK lookup has an index of its own (bounded), so the history below may drop what it no longer keeps.
        if (transaction.Method == "INVITE") dialog.Invites.Add(transaction);
        if (!dialog.AddTransaction(transaction, _options.HistoryKeptAtEachEnd)) NotKept(dialog);
    }

    /// <summary>
    /// A response inside the dialog (<paramref name="isNew"/>: not a retransmission); drives early → confirmed →
    /// terminated for the initial INVITE.
    /// </summary>
    public void OnResponse(Dialog dialog, in PacketMeta meta, SipMessage message, Transaction transaction, bool isNew)
    {
        dialog.LastMessageNs = meta.TimestampNs;
        int status = message.StatusCode;
        if (ReferenceEquals(transaction, dialog.InitialInvite) && isNew)
        {
            if (status is > 100 and < 200 && message.ToTag is string earlyTag)
            {
                LearnCalleeTag(dialog, earlyTag, answer: false);
                if (dialog.State == DialogState.Trying) dialog.State = DialogState.Early;
                if (status is 180 or 183) dialog.RingingNs ??= meta.TimestampNs;
            }
            else if (status is >= 200 and < 300 && dialog.AnswerNs is null)
            {
                if (message.ToTag is string tag) { LearnCalleeTag(dialog, tag, answer: true); dialog.CalleeTag = tag; }
                dialog.State = DialogState.Confirmed;
                dialog.AnswerNs = meta.TimestampNs;
                dialog.Outcome = DialogOutcome.Answered;
                dialog.FinalStatus = status;
            }
            else if (status >= 300 && dialog.Outcome is null)
            {
                dialog.FinalStatus = status;
                // After a CANCEL the final response is usually 487, but may be anything that crossed it.
                dialog.Outcome = dialog.CancelSent ? DialogOutcome.Cancelled : DialogOutcome.Rejected;
                Terminate(dialog, meta.TimestampNs);
            }
        }
        else if (transaction.Method == "BYE" && status >= 200 && dialog.State != DialogState.Terminated)
        {
            Terminate(dialog, meta.TimestampNs);
        }
        if (isNew && message.Sdp is not null && (status is > 100 and < 300))
        {
            // Without the request (not captured) an SDP in the response is most likely the answer.
            bool answer = transaction.RequestHadSdp || !transaction.RequestSeen;
            string party = SenderOfResponse(dialog, message);
            if (!answer) dialog.PendingOfferParty = party;
            AddSdp(dialog, meta, message.StatusCode, message.Sdp, transaction.Method, party, answer ? "answer" : "offer");
        }
    }

    /// <summary>
    /// A request inside the dialog (BYE, re-INVITE, UPDATE, PRACK, ACK, CANCEL…); for an ACK,
    /// <paramref name="acknowledged"/> is the INVITE it acknowledges when known.
    /// </summary>
    public void OnRequest(Dialog dialog, in PacketMeta meta, SipMessage message, bool firstCopy, Transaction? acknowledged = null)
    {
        dialog.LastMessageNs = meta.TimestampNs;
        string method = message.Method ?? "";
        if (method == "BYE")
        {
            if (dialog.ByeNs is null)
            {
                dialog.ByeNs = meta.TimestampNs;
                dialog.HungUpBy = SenderOfRequest(dialog, message);
                dialog.ByeSource = meta.Source;
            }
            if (dialog.ByeFrames.Count < _options.MaxMessagesPerTransaction) dialog.ByeFrames.Add(meta.FrameRef);
            Terminate(dialog, meta.TimestampNs);
        }
        else if (method == "CANCEL")
        {
            dialog.CancelSent = true;
        }
        else if (method == "ACK")
        {
            if (dialog.AckFrames.Count < _options.MaxMessagesPerTransaction) dialog.AckFrames.Add(meta.FrameRef);
        }
        if (firstCopy && message.Sdp is not null)
        {
            string party = SenderOfRequest(dialog, message);
            // An ACK answers the offer its INVITE's 2xx made when the INVITE had none; a PRACK answers an
            // offer in a reliable provisional response.
            bool answer = method == "ACK" && acknowledged is not null
                ? !acknowledged.RequestHadSdp
                : method is "ACK" or "PRACK" && dialog.PendingOfferParty is not null && dialog.PendingOfferParty != party;
            if (answer) dialog.PendingOfferParty = null;
            AddSdp(dialog, meta, 0, message.Sdp, method, party, answer ? "answer" : "offer");
        }
    }

    /// <summary>The initial INVITE completed: a dialog it never answered is over.</summary>
    public void OnInitialInviteCompleted(Dialog dialog, Transaction invite)
    {
        if (dialog.Outcome is null)
        {
            dialog.Outcome = dialog.CancelSent ? DialogOutcome.Cancelled : DialogOutcome.Unanswered;
            dialog.EndedByCaptureEnd = invite.EndedByCaptureEnd;
            Terminate(dialog, invite.LastMessageNs);
        }
        // A dialog timed by its scan-like INVITE ends with it, and goes as that INVITE went: a scan's dialogs
        // then leave with their requests instead of lingering among the calls for another timer. An evicted
        // INVITE was counted as the scan's; its dialog, cut short with it, is marked but not counted again.
        if (dialog.HeldWithInvite && !dialog.IsCompleted)
        {
            if (invite.Evicted) dialog.Evicted = true;
            Complete(dialog);
        }
    }

    // The earliest due time queued (it may lie before the true one after an eviction, never after it): most
    // messages find nothing due, and this answers without reading the queue, a cold array per capture point.
    private long _nextDueNs = long.MaxValue;

    public void Expire(long nowNs)
    {
        if (nowNs < _nextDueNs) return;
        long next;
        while (_timers.TryPeek(out var d, out next) && next <= nowNs)
        {
            _timers.Dequeue();
            if (d.IsCompleted) continue;
            long deadline = DeadlineOf(d);
            if (deadline > nowNs) { _timers.Enqueue(d, deadline); continue; }
            if (d.EndNs is null) d.EndNs = d.LastMessageNs;
            Complete(d);
        }
        _nextDueNs = _timers.Count > 0 ? next : long.MaxValue;
    }

    /// <summary>End of capture: every open dialog is handed out as it stands.</summary>
    public void Finish(long endNs)
    {
        while (_timers.TryDequeue(out var d, out _))
        {
            if (d.IsCompleted) continue;
            if (d.State != DialogState.Terminated) { d.EndedByCaptureEnd = true; d.EndNs ??= endNs; }
            Complete(d);
        }
    }

    private long DeadlineOf(Dialog d) => d.State switch
    {
        DialogState.Terminated => (d.EndNs ?? d.LastMessageNs) + _options.LingerNs,
        DialogState.Confirmed => d.LastMessageNs + _options.DialogIdleTimeoutNs,
        _ => d.LastMessageNs + _options.InviteProceedingTimeoutNs + 2 * _options.LingerNs,
    };

    private bool EvictOne()
    {
        while (_timers.TryDequeue(out var d, out _))
        {
            if (d.IsCompleted) continue;
            d.Evicted = true;
            d.EndNs ??= d.LastMessageNs;
            Evicted++;
            Complete(d);
            return true;
        }
        return false;
    }

    private void Complete(Dialog d)
    {
        d.IsCompleted = true;
        d.Invites.Close();
        d.Outcome ??= DialogOutcome.Unanswered;
        _byTag.Remove(new CallIdKey(d.Point, d.CallId, d.CallerTag, d.CallerKeyHash));
        if (d.CalleeTagsIfAny is { } tags) foreach (var tag in tags) _byTag.Remove(new CallIdKey(d.Point, d.CallId, tag));
        _live--;
        _open.Value--;
        _completed(d);
    }

    private void Terminate(Dialog d, long atNs)
    {
        d.State = DialogState.Terminated;
        d.EndNs ??= atNs;
    }

    // Past the cap an early branch's tag is only counted: its 18x still reach the dialog through the INVITE's
    // transaction, and requests either way carry the caller's tag too (From from the caller, To from the callee),
    // which finds the dialog. The answering branch's tag is always indexed (one more at most: the first 2xx).
    private void LearnCalleeTag(Dialog d, string tag, bool answer)
    {
        if (tag == d.CallerTag || d.HasCalleeTag(tag)) return;
        if (!answer && d.CalleeTagCount >= _options.MaxCalleeTagsPerDialog)
        {
            TagsNotIndexed++;
            return;
        }
        d.AddCalleeTag(tag);
        d.CalleeTag ??= tag;
        _byTag[new CallIdKey(d.Point, d.CallId, tag)] = d;
    }

    private static string SenderOfRequest(Dialog d, SipMessage m) => m.FromTag == d.CallerTag ? "caller" : "callee";

    // A response is sent by the party the request went to.
    private static string SenderOfResponse(Dialog d, SipMessage m) => m.FromTag == d.CallerTag ? "callee" : "caller";

    // RFC 3264 decides offer or answer per transaction: an SDP in a request is the offer and the one in its
    // responses the answer; when the INVITE had none, its 2xx carries the offer and the ACK (or PRACK) the answer.
    // Deciding per transaction rather than by dialog-wide alternation keeps both legs of a proxy that forwards
    // with the same Call-ID and tags (seen at one capture point) right.
    // status: the response's, 0 for a request.
    private void AddSdp(Dialog d, in PacketMeta meta, int status, Protocols.Sdp.SdpSession sdp, string method, string party, string kind)
    {
        var exchange = new SdpExchange
        {
            Kind = kind,
            Party = party,
            Method = method,
            Status = status,
            Frame = meta.FrameRef,
            TimestampNs = meta.TimestampNs,
            Source = meta.Source,
            Destination = meta.Destination,
            Sdp = sdp,
        };
        if (!KeptHistory.Add(d.Sdp, exchange, _options.HistoryKeptAtEachEnd)) NotKept(d);
    }

    private void NotKept(Dialog d)
    {
        d.HistoryNotKept++;
        HistoryNotKept++;
    }
}
