using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// One SIP transaction (RFC 3261 §17) as seen at one capture point: the request and its retransmissions,
/// every response grouped by status, the ACK of a non-2xx final response, and what became of it.
/// </summary>
public sealed class Transaction
{
    // What followed the request (responses, ACKs, ICMP errors, a CANCEL), made when the first of them comes: a
    // flood's transactions are mostly never answered. Its lists are made on first use as well.
    private TransactionFollowUp? _answers;
    private const long None = TransactionFollowUp.NoTime;

    /// <summary>Sequential number within the analysis (dialogs and registrations refer to it).</summary>
    public long Id { get; init; }
    public int Capture { get; init; }
    /// <summary>Capture point index (PacketMeta.Point) the messages were seen at.</summary>
    public int Point { get; init; }
    public string Method { get; init; } = "";
    public string? CallId { get; init; }
    public long CSeq { get; init; }
    /// <summary>Top Via branch (empty for an RFC 2543 peer that sent none).</summary>
    public string Branch { get; init; } = "";
    /// <summary>True when matched with the RFC 2543 fallback (no z9hG4bK cookie).</summary>
    public bool Rfc2543 { get; init; }
    /// <summary>UDP, TCP, TLS, SCTP or WS.</summary>
    public Transport Transport { get; init; }
    /// <summary>"ip:port" the request came from (for a response-only transaction: where the responses went).</summary>
    public string Client
    {
        get => _client ??= _clientSentFirstRequest && _requests.Count > 0 ? _requests[0].Meta.Source : "";
        internal set
        {
            _client = value;
            _clientSentFirstRequest = false;
        }
    }

    // The client's text is made from the first request copy when first read: every REGISTER of a scan comes
    // from an address of its own, and making its "ip:port" string for each was a twentieth of the scan's CPU,
    // while the report names the clients of the few transactions it keeps.
    private string? _client;
    private bool _clientSentFirstRequest;

    /// <summary>
    /// True when the client's text is still to be made from the first request copy and that copy came from
    /// <paramref name="ip"/>:<paramref name="port"/> (so a dialog can name its caller by this transaction's client).
    /// </summary>
    internal bool ClientUnmadeAndIs(NetAddress ip, ushort port) =>
        _client is null && _clientSentFirstRequest && _requests.Count > 0
        && _requests[0].Meta.SourcePort == port && _requests[0].Meta.SourceIp == ip;

    /// <summary>The client is the source of the first request copy kept (about to be added), its text made when read.</summary>
    internal void ClientSentFirstRequest()
    {
        _client = null;
        _clientSentFirstRequest = true;
    }
    /// <summary>"ip:port" the request went to (for a response-only transaction: where the responses came from).</summary>
    public string Server { get; internal set; } = "";

    public string? RequestUri { get; internal set; }
    public string? FromUri { get; internal set; }
    public string? FromTag { get; internal set; }
    public string? ToUri { get; internal set; }
    /// <summary>To tag of the first final response (or of the request, inside a dialog).</summary>
    public string? ToTag { get; internal set; }
    public string? UserAgent { get; internal set; }
    /// <summary>Server header of the responses.</summary>
    public string? ServerAgent
    {
        get => _answers?.ServerAgent;
        internal set { if (value is not null || _answers is not null) Answers.ServerAgent = value; }
    }

    /// <summary>The request and its retransmissions, in capture order (first copies up to the cap).</summary>
    public List<TransactionMessage> Requests => _requests.List;

    private SmallList<TransactionMessage> _requests;

    /// <summary>Copies of the request kept in detail, without making the list.</summary>
    internal int RequestsKept => _requests.Count;

    /// <summary>The first request copy kept, null when none (without making the list).</summary>
    internal TransactionMessage? FirstRequest => _requests.Count > 0 ? _requests[0] : null;

    /// <summary>The kept request copy at <paramref name="index"/> (below <see cref="RequestsKept"/>), without making the list.</summary>
    internal TransactionMessage RequestAt(int index) => _requests[index];

    /// <summary>Keeps one more copy of the request in detail.</summary>
    internal void AddRequest(TransactionMessage request) => _requests.Add(request);
    /// <summary>Copies of the request seen, also beyond the detail cap.</summary>
    public int RequestCount { get; internal set; }
    /// <summary>Request retransmissions: copies after the first.</summary>
    public int Retransmissions => Math.Max(0, RequestCount - 1);
    /// <summary>Request copies that came after the first final response had been seen: the client did not get it.</summary>
    public int RetransmissionsAfterFinal
    {
        get => _answers?.RetransmissionsAfterFinal ?? 0;
        internal set { if (value != 0 || _answers is not null) Answers.RetransmissionsAfterFinal = value; }
    }
    /// <summary>Responses grouped by status, in the order first seen.</summary>
    public List<ResponseGroup> Responses => Answers.Groups.List;

    /// <summary>Response statuses seen, without making the list.</summary>
    internal int ResponseGroupCount => _answers?.Groups.Count ?? 0;

    internal ResponseGroup ResponseGroupAt(int index) => _answers!.Groups[index];

    /// <summary>Adds the group of a status not seen before.</summary>
    internal void AddResponses(ResponseGroup group) => Answers.Groups.Add(group);
    /// <summary>Response copies beyond the first of each status.</summary>
    public int ResponseRetransmissions
    {
        get => _answers?.Retransmissions ?? 0;
        internal set { if (value != 0 || _answers is not null) Answers.Retransmissions = value; }
    }

    private TransactionFollowUp Answers => _answers ??= new TransactionFollowUp();
    /// <summary>ACKs: for a non-2xx final response (same branch), and the ACK that confirmed a 2xx.</summary>
    public List<TransactionMessage> Acks => Answers.Acks ??= new(1);
    [JsonIgnore] internal List<TransactionMessage>? AcksIfAny => _answers?.Acks;

    public int? FinalStatus
    {
        get => _answers is { FinalStatus: not TransactionFollowUp.NoStatus } a ? a.FinalStatus : null;
        internal set { if (value is not null || _answers is not null) Answers.FinalStatus = value ?? TransactionFollowUp.NoStatus; }
    }
    public string? FinalReason
    {
        get => _answers?.FinalReason;
        internal set { if (value is not null || _answers is not null) Answers.FinalReason = value; }
    }
    /// <summary>First request → first final response, in milliseconds; null without both.</summary>
    public double? ResponseTimeMs
    {
        get => _answers is { } a && !double.IsNaN(a.ResponseTimeMs) ? a.ResponseTimeMs : null;
        internal set { if (value is not null || _answers is not null) Answers.ResponseTimeMs = value ?? double.NaN; }
    }
    /// <summary>See <see cref="TransactionOutcome"/>; pending until the transaction completes.</summary>
    public TransactionOutcome Outcome { get; internal set; } = TransactionOutcome.Pending;

    /// <summary>Credentials of the first request that carried any (username, realm).</summary>
    public SipCredentials? Credentials { get; internal set; }
    /// <summary>The challenge of a final 401/407.</summary>
    public SipChallenge? Challenge
    {
        get => _answers?.Challenge;
        internal set { if (value is not null || _answers is not null) Answers.Challenge = value; }
    }
    /// <summary>For an INVITE: the CANCEL transaction that cancelled it; for a CANCEL: the INVITE it cancels.</summary>
    public long? CancelTransactionId
    {
        get => Optional(_answers?.CancelTransactionId ?? None);
        internal set { if (value is not null || _answers is not null) Answers.CancelTransactionId = value ?? None; }
    }
    /// <summary>ICMP errors quoting a message of this transaction.</summary>
    public List<IcmpQuote> IcmpErrors => Answers.IcmpErrors ??= new(1);
    [JsonIgnore] internal bool HasIcmpErrors => _answers?.IcmpErrors is { Count: > 0 };
    [JsonIgnore] internal List<IcmpQuote>? IcmpErrorsIfAny => _answers?.IcmpErrors;

    public long FirstRequestNs { get; internal set; }
    public long? FirstResponseNs
    {
        get => Optional(_answers?.FirstResponseNs ?? None);
        internal set { if (value is not null || _answers is not null) Answers.FirstResponseNs = value ?? None; }
    }
    public long? FinalResponseNs
    {
        get => Optional(_answers?.FinalResponseNs ?? None);
        internal set { if (value is not null || _answers is not null) Answers.FinalResponseNs = value ?? None; }
    }
    public long LastMessageNs { get; internal set; }
    /// <summary>The capture ended before the transaction's timers expired.</summary>
    public bool EndedByCaptureEnd { get; internal set; }
    /// <summary>Dropped from the live table by the cap.</summary>
    public bool Evicted { get; internal set; }

    public bool RequestSeen => RequestCount > 0;
    /// <summary>The first frame of the transaction (request or, without one, response).</summary>
    public FrameRef FirstFrame { get; init; }

    public List<FrameRef> RequestFrames => FramesOf(Requests);

    /// <summary>
    /// Time between successive copies of the request, in ms: 500, 1000, 2000, 4000, 4000… is a client running
    /// RFC 3261 timer E (or A) because no response reached it.
    /// </summary>
    [JsonIgnore]
    public List<double> RequestIntervalsMs
    {
        get
        {
            var intervals = new List<double>(Math.Max(0, Requests.Count - 1));
            for (int i = 1; i < Requests.Count; i++) intervals.Add((Requests[i].TimestampNs - Requests[i - 1].TimestampNs) / 1e6);
            return intervals;
        }
    }
    public List<FrameRef> AckFrames => FramesOf(Acks);

    /// <summary>The key the live table holds this transaction under.</summary>
    /// <remarks>
    /// Made again from <see cref="Point"/>, <see cref="Method"/>, <see cref="Branch"/> and the key's hash when
    /// asked (the live table asks twice): a stored key is 56 bytes more in each of a flood's ten thousand live transactions, which
    /// the collector copies between generations. Only the rare RFC 2543 key (sent-by, Call-ID, From tag, CSeq)
    /// is kept as it was made.
    /// </remarks>
    [JsonIgnore]
    public TransactionKey Key
    {
        // A transaction made without a key (tests) has no hash kept: its key is made in full.
        get => _rfc2543Key?.Value ?? (_keyHash != 0
            ? TransactionKey.ForBranch(Point, Method, Branch, _keyHash)
            : TransactionKey.ForBranch(Point, Method, Branch));
        init
        {
            _rfc2543Key = value.IsRfc2543 ? new StrongBox<TransactionKey>(value) : null;
            _keyHash = value.GetHashCode();
        }
    }

    private readonly StrongBox<TransactionKey>? _rfc2543Key;
    private readonly int _keyHash;

    /// <summary>The hash of <see cref="Key"/>, without making the key.</summary>
    internal int KeyHash => _keyHash != 0 ? _keyHash : Key.GetHashCode();
    [JsonIgnore] public bool IsCompleted { get; internal set; }
    [JsonIgnore] public bool HasProvisional => FirstProvisionalNs is not null;
    [JsonIgnore]
    public long? FirstProvisionalNs
    {
        get => Optional(_answers?.FirstProvisionalNs ?? None);
        internal set { if (value is not null || _answers is not null) Answers.FirstProvisionalNs = value ?? None; }
    }
    [JsonIgnore] internal Dialog? Dialog { get; set; }
    /// <summary>
    /// The number reserved for the dialog of an initial INVITE held as a scan's lone request, whose dialog is made
    /// only when something more of it comes (or, unanswered, when it ends); 0 otherwise.
    /// </summary>
    [JsonIgnore] internal long HeldDialogId { get; set; }

    /// <summary>The reserved dialog number, now to be used (0 when none was held): the dialog is held no longer.</summary>
    internal long TakeHeldDialogId()
    {
        long id = HeldDialogId;
        HeldDialogId = 0;
        return id;
    }

    [JsonIgnore] internal bool RequestHadSdp { get; set; }
    [JsonIgnore] internal Registration? Registration { get; set; }
    [JsonIgnore] internal bool RegistrationDone { get; set; }
    /// <summary>The live table holds this transaction under its key (set and cleared by the table only).</summary>
    [JsonIgnore] internal bool InLiveTable { get; set; }
    /// <summary>The live table holds this transaction among those that look like scan traffic (set and cleared by the table only).</summary>
    [JsonIgnore] internal bool HeldAsScanLike { get; set; }

    /// <summary>The first final response group, null without one.</summary>
    [JsonIgnore]
    public ResponseGroup? FinalResponse
    {
        get
        {
            if (FinalStatus is not int s) return null;
            return ResponsesWithStatus(s);
        }
    }

    /// <summary>The group of <paramref name="status"/>, null when that status was never seen.</summary>
    public ResponseGroup? ResponsesWithStatus(int status)
    {
        if (_answers is not { } answers) return null;
        for (int i = 0; i < answers.Groups.Count; i++) if (answers.Groups[i].Status == status) return answers.Groups[i];
        return null;
    }

    private static long? Optional(long value) => value == None ? null : value;

    private static List<FrameRef> FramesOf(List<TransactionMessage> messages)
    {
        var frames = new List<FrameRef>(messages.Count);
        foreach (var m in messages) frames.Add(m.Frame);
        return frames;
    }

    public override string ToString() => $"{Method} {CSeq} {CallId} {Client}->{Server} {TransactionOutcomes.WireName(Outcome)} {FinalStatus}";
}
