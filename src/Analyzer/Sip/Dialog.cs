using System.Text.Json.Serialization;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// An INVITE dialog (RFC 3261 §12) by Call-ID and tags: its state, the outcome of the initial INVITE, setup
/// time, duration, who hung up, and the SDP offer/answer.
/// </summary>
public sealed class Dialog
{
    // Made on first use: a flood of INVITEs that are never answered opens ten thousand live dialogs, and each
    // empty list is an object the collector copies from generation to generation.
    private List<SdpExchange>? _sdp;
    // What follows the INVITE, made when the first of it comes (see DialogProgress).
    private DialogProgress? _progress;
    private DialogProgress Progress => _progress ??= new DialogProgress();
    // Optional times as plain fields with a "none" value, as in Transaction: a nullable long takes twice the room
    // in each of the ten thousand live dialogs a flood of INVITEs keeps.
    private const long None = long.MinValue;
    private long _endNs = None;

    public long Id { get; init; }
    public int Capture { get; init; }
    /// <summary>Capture point index (PacketMeta.Point) the messages were seen at.</summary>
    public int Point { get; init; }
    public string CallId { get; init; } = "";
    /// <summary>From tag of the initial INVITE.</summary>
    public string CallerTag { get; init; } = "";
    /// <summary>The hash of the dialog's key (point, Call-ID, caller tag), kept so that removing it does not hash both strings again.</summary>
    [JsonIgnore] internal int CallerKeyHash { get; init; }
    /// <summary>To tag of the answering (or first early) response; null while none was seen.</summary>
    public string? CalleeTag
    {
        get => _progress?.CalleeTag;
        internal set { if (value is not null || _progress is not null) Progress.CalleeTag = value; }
    }
    /// <summary>To tags of every early or confirmed branch (more than one: forking).</summary>
    public List<string> CalleeTags => Progress.CalleeTags ??= new();
    public string? CallerUri { get; init; }
    public string? CalleeUri { get; init; }
    /// <summary>"ip:port" the initial INVITE came from / went to.</summary>
    public string Caller
    {
        get => _caller ??= _callerTransaction?.Client ?? "";
        init => _caller = value;
    }

    // The caller's text is its INVITE transaction's client, made when first read: a flood of new calls comes
    // from new addresses, and the report names the callers of the few dialogs it keeps.
    private string? _caller;
    private Transaction? _callerTransaction;

    /// <summary>The transaction whose client is the caller (its first request came from the caller's address).</summary>
    internal Transaction? CallerTransaction { init => _callerTransaction = value; }

    /// <summary>The caller's text when known as text (null: <see cref="CallerTransaction"/>'s client).</summary>
    internal string? CallerText { init => _caller = value; }
    public string Callee { get; init; } = "";
    public Transport Transport { get; init; }

    /// <summary>See <see cref="DialogState"/>.</summary>
    public string State { get; internal set; } = DialogState.Trying;
    /// <summary>See <see cref="DialogOutcome"/>; null while the INVITE is pending.</summary>
    public DialogOutcome? Outcome { get; internal set; }
    /// <summary>Final status of the initial INVITE.</summary>
    public int? FinalStatus { get; internal set; }

    /// <summary>Challenges (401/407) the initial INVITE got before the retry with credentials.</summary>
    public int AuthChallenges
    {
        get => _progress?.AuthChallenges ?? 0;
        internal set { if (value != 0 || _progress is not null) Progress.AuthChallenges = value; }
    }

    public long InviteNs { get; init; }
    public FrameRef InviteFrame { get; init; }
    /// <summary>First 180/183 (post-dial delay ends).</summary>
    public long? RingingNs
    {
        get => Optional(_progress?.RingingNs ?? None);
        internal set { if (value is not null || _progress is not null) Progress.RingingNs = value ?? None; }
    }
    public long? AnswerNs
    {
        get => Optional(_progress?.AnswerNs ?? None);
        internal set { if (value is not null || _progress is not null) Progress.AnswerNs = value ?? None; }
    }
    public long? ByeNs
    {
        get => Optional(_progress?.ByeNs ?? None);
        internal set { if (value is not null || _progress is not null) Progress.ByeNs = value ?? None; }
    }
    public long? EndNs { get => Optional(_endNs); internal set => _endNs = value ?? None; }
    /// <summary>INVITE → first 18x, in ms.</summary>
    public double? PostDialDelayMs => RingingNs is long r ? (r - InviteNs) / 1e6 : null;
    /// <summary>INVITE → 2xx, in ms.</summary>
    public double? SetupTimeMs => AnswerNs is long a ? (a - InviteNs) / 1e6 : null;
    /// <summary>2xx → BYE (or to the end of the capture / idle timeout when no BYE was seen), in ms.</summary>
    public double? DurationMs => AnswerNs is long a ? ((ByeNs ?? EndNs ?? a) - a) / 1e6 : null;

    /// <summary>"caller" or "callee": who sent the BYE; null without BYE.</summary>
    public string? HungUpBy
    {
        get => _progress?.HungUpBy;
        internal set { if (value is not null || _progress is not null) Progress.HungUpBy = value; }
    }
    /// <summary>"ip:port" the BYE came from.</summary>
    public string? ByeSource
    {
        get => _progress?.ByeSource;
        internal set { if (value is not null || _progress is not null) Progress.ByeSource = value; }
    }
    public List<FrameRef> ByeFrames => Progress.ByeFrames ??= new();
    /// <summary>ACKs to the 2xx (the answer reached the caller).</summary>
    public List<FrameRef> AckFrames => Progress.AckFrames ??= new();
    /// <summary>The caller sent CANCEL.</summary>
    public bool CancelSent
    {
        get => _progress?.CancelSent ?? false;
        internal set { if (value || _progress is not null) Progress.CancelSent = value; }
    }

    /// <summary>SDP bodies in the order seen, each as offer or answer.</summary>
    public List<SdpExchange> Sdp => _sdp ??= new();
    /// <summary>Ids of the transactions inside the dialog (INVITE, ACK-less re-INVITE, BYE, UPDATE, …).</summary>
    /// <remarks>Those of <see cref="Transactions"/>, made when asked (reports) rather than kept as a second list.</remarks>
    public List<long> TransactionIds => Transactions.ConvertAll(static t => t.Id);
    /// <summary>
    /// Transactions and SDP bodies between the first and the latest ones of a long dialog, only counted
    /// (<see cref="SipEngineOptions.HistoryKeptAtEachEnd"/> of each end are kept).
    /// </summary>
    public int HistoryNotKept
    {
        get => _progress?.HistoryNotKept ?? 0;
        internal set { if (value != 0 || _progress is not null) Progress.HistoryNotKept = value; }
    }

    /// <summary>The capture ended while the dialog was still open.</summary>
    public bool EndedByCaptureEnd { get; internal set; }
    public bool Evicted { get; internal set; }

    /// <summary>The latest SDP the caller / callee sent: where each expects media now.</summary>
    [JsonIgnore] public SdpExchange? CallerMedia => LastOf("caller");
    [JsonIgnore] public SdpExchange? CalleeMedia => LastOf("callee");

    [JsonIgnore]
    public List<Transaction> Transactions => _transactions.List;

    // A flood's dialogs hold only their initial INVITE.
    private SmallList<Transaction> _transactions;

    /// <summary>
    /// Appends a transaction, keeping <paramref name="atEachEnd"/> of each end (<see cref="KeptHistory"/>); false
    /// when one from the middle was dropped for it.
    /// </summary>
    internal bool AddTransaction(Transaction transaction, int atEachEnd) => _transactions.AddKeepingEnds(transaction, atEachEnd);

    /// <summary>Transactions kept, and the one at an index, without making the list.</summary>
    internal int TransactionCount => _transactions.Count;
    internal Transaction TransactionAt(int index) => _transactions[index];

    /// <summary>The lists made so far, null where none was (reading them must not make them).</summary>
    internal int FrameCount => (_progress?.ByeFrames?.Count ?? 0) + (_progress?.AckFrames?.Count ?? 0);
    internal List<SdpExchange>? SdpIfAny => _sdp;

    /// <summary>The INVITEs among <see cref="Transactions"/> by CSeq, while the dialog is live (closed after).</summary>
    internal DialogInvites Invites;
    [JsonIgnore] public bool IsCompleted { get; internal set; }
    /// <summary>
    /// Timed by its initial INVITE, which looks like scan traffic so far, and not by a timer of its own: it ends
    /// when that INVITE does, unless something else of the dialog gives it a timer first (set and cleared by the tracker only).
    /// </summary>
    [JsonIgnore] internal bool HeldWithInvite { get; set; }
    [JsonIgnore] internal Transaction? InitialInvite { get; set; }
    [JsonIgnore] internal string? PendingOfferParty { get; set; }
    [JsonIgnore] internal long LastMessageNs { get; set; }

    internal bool HasCalleeTag(string tag) =>
        _progress?.CalleeTagSet?.Contains(tag) ?? _progress?.CalleeTags?.Contains(tag) ?? false;

    /// <summary>The callee tags learnt so far, null when none (without making the list).</summary>
    internal List<string>? CalleeTagsIfAny => _progress?.CalleeTags;

    internal int CalleeTagCount => _progress?.CalleeTags?.Count ?? 0;

    /// <summary>
    /// Adds a To tag not yet known. The list stays in order; past a few tags a set answers
    /// <see cref="HasCalleeTag"/>, so the tags of a dialog's cap of branches (<see cref="SipEngineOptions.MaxCalleeTagsPerDialog"/>)
    /// and every response past it cost a look-up each, not a walk over the list.
    /// </summary>
    internal void AddCalleeTag(string tag)
    {
        const int ListedTags = 8;
        CalleeTags.Add(tag);
        var progress = Progress;
        if (progress.CalleeTagSet is not null) progress.CalleeTagSet.Add(tag);
        else if (CalleeTags.Count > ListedTags) progress.CalleeTagSet = new HashSet<string>(CalleeTags, StringComparer.Ordinal);
    }

    private static long? Optional(long value) => value == None ? null : value;

    private SdpExchange? LastOf(string party)
    {
        if (_sdp is not { } sdp) return null;
        for (int i = sdp.Count - 1; i >= 0; i--) if (sdp[i].Party == party) return sdp[i];
        return null;
    }

    public override string ToString() => $"{CallId} {State} {DialogOutcomes.WireName(Outcome)} {FinalStatus}";
}
