using System.Text.Json.Serialization;
using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// One registration attempt for a Call-ID and AOR: the chain REGISTER → 401/407 → REGISTER with credentials
/// (CSeq+1) → 2xx / 403 / silence. A refresh on the same Call-ID starts the next attempt.
/// </summary>
public sealed class Registration
{
    // Made when first set: a scan's attempts never have any of it.
    private RegistrationDetails? _details;
    private RegistrationDetails Details => _details ??= new RegistrationDetails();
    // Optional numbers as plain fields with a "none" value, as in Transaction: a nullable takes twice the room, and
    // a REGISTER scan opens an attempt per message, each live as long as its transaction.
    private const int NoInt = int.MinValue;
    private const long NoLong = long.MinValue;
    private int _finalStatus = NoInt, _requestedExpires = NoInt;
    private long _endNs = NoLong;

    public long Id { get; init; }
    public int Capture { get; init; }
    /// <summary>Capture point index (PacketMeta.Point) the messages were seen at.</summary>
    public int Point { get; init; }
    /// <summary>Address of record: the To URI.</summary>
    public string Aor { get; init; } = "";
    public string CallId { get; init; } = "";
    /// <summary>The first Contact URI the client asked to bind.</summary>
    public string? Contact { get; internal set; }
    /// <summary>"ip:port" the first REGISTER came from / went to.</summary>
    public string Client
    {
        get => _client ??= _opener?.Client ?? "";
        init => _client = value;
    }

    // The client is the opening transaction's, its text made when first read (as the transaction's own is): a
    // scan opens an attempt per source address, and the report names the few it keeps.
    private string? _client;
    private Transaction? _opener;

    /// <summary>The REGISTER transaction that opened the attempt (its client is the attempt's).</summary>
    internal Transaction? Opener { init => _opener = value; }

    public string Server { get; init; } = "";
    public Transport Transport { get; init; }
    /// <summary>The hash of the binding key (point, Call-ID, AOR) the tracker holds this attempt under.</summary>
    [JsonIgnore] internal int BindingHash { get; init; }
    /// <summary>See <see cref="RegistrationOutcome"/>; null while the attempt is open.</summary>
    public RegistrationOutcome? Outcome { get; internal set; }
    /// <summary>Final status of the last answered REGISTER, null when none was answered.</summary>
    public int? FinalStatus { get => OptionalInt(_finalStatus); internal set => _finalStatus = value ?? NoInt; }
    /// <summary>Digest username and realm the client used.</summary>
    public string? Username
    {
        get => _details?.Username;
        internal set { if (value is not null || _details is not null) Details.Username = value; }
    }
    public string? Realm
    {
        get => _details?.Realm;
        internal set { if (value is not null || _details is not null) Details.Realm = value; }
    }
    public string? UserAgent { get; init; }

    public long StartNs { get; init; }
    public long? EndNs { get => _endNs == NoLong ? null : _endNs; internal set => _endNs = value ?? NoLong; }
    /// <summary>Expires the client asked for (Expires header or the contact's ;expires).</summary>
    public int? RequestedExpires { get => OptionalInt(_requestedExpires); internal set => _requestedExpires = value ?? NoInt; }
    /// <summary>Expiry the registrar granted for the contact, in seconds.</summary>
    public int? GrantedExpires
    {
        get => OptionalInt(_details?.GrantedExpires ?? NoInt);
        internal set { if (value is not null || _details is not null) Details.GrantedExpires = value ?? NoInt; }
    }
    /// <summary>Bindings the 2xx listed.</summary>
    public List<SipContact> BoundContacts => Details.BoundContacts ??= new(1);
    [JsonIgnore] internal List<SipContact>? BoundContactsIfAny => _details?.BoundContacts;
    /// <summary>Time since the previous attempt on the same Call-ID and AOR started (the refresh interval), in ms.</summary>
    public double? SincePreviousMs
    {
        get => _details is { } d && !double.IsNaN(d.SincePreviousMs) ? d.SincePreviousMs : null;
        internal set { if (value is not null || _details is not null) Details.SincePreviousMs = value ?? double.NaN; }
    }
    /// <summary>The previous attempt's binding had already expired when this one started.</summary>
    public bool BindingLapsed
    {
        get => _details?.BindingLapsed ?? false;
        internal set { if (value || _details is not null) Details.BindingLapsed = value; }
    }

    /// <summary>The REGISTER transactions, in order.</summary>
    public List<RegistrationStep> Steps
    {
        get
        {
            MakeLatestStep();
            return _steps.List;
        }
    }
    /// <summary>Steps beyond <see cref="SipEngineOptions.MaxStepsPerRegistration"/>, only counted.</summary>
    public int StepsNotKept
    {
        get => _details?.StepsNotKept ?? 0;
        internal set { if (value != 0 || _details is not null) Details.StepsNotKept = value; }
    }
    /// <summary>
    /// The first and the latest transactions' ids (<see cref="SipEngineOptions.HistoryKeptAtEachEnd"/> of each): those of
    /// <see cref="Transactions"/>, made when asked (reports) rather than kept as a second list per attempt.
    /// </summary>
    public List<long> TransactionIds => Transactions.ConvertAll(static t => t.Id);
    /// <summary>Transactions between the first and the latest ones, only counted.</summary>
    public int TransactionsNotKept
    {
        get => _details?.TransactionsNotKept ?? 0;
        internal set { if (value != 0 || _details is not null) Details.TransactionsNotKept = value; }
    }
    public bool EndedByCaptureEnd { get; internal set; }
    /// <summary>The last transaction was evicted by the live-state cap before it was answered (outcome "other").</summary>
    public bool Evicted { get; internal set; }

    [JsonIgnore] public List<Transaction> Transactions => _transactions.List;

    // A scan's attempts hold one REGISTER each: no list for it while the attempt is open (two objects each).
    private SmallList<RegistrationStep> _steps;
    private SmallList<Transaction> _transactions;

    // The latest REGISTER's step is made from its transaction when first read: a scan's attempts are one
    // REGISTER each, never answered (an answer reads the step) and mostly never reported, and the step object
    // lived as long as the transaction, for the collector to copy.
    private Transaction? _latestStepUnmade;
    // The credentials its first copy carried: a later copy may add some to the transaction.
    private SipCredentials? _latestStepCredentials;

    /// <summary>Steps kept, without making the list.</summary>
    internal int StepCount => _steps.Count + (_latestStepUnmade is null ? 0 : 1);

    /// <summary>The step at <paramref name="index"/>, without making the list.</summary>
    internal RegistrationStep StepAt(int index)
    {
        MakeLatestStep();
        return _steps[index];
    }

    /// <summary>True when <paramref name="t"/>'s step is still to be made (it will be made from <paramref name="t"/> as it then stands).</summary>
    internal bool IsStepUnmade(Transaction t) => ReferenceEquals(_latestStepUnmade, t);

    /// <summary>Adds the step of a new REGISTER transaction, made from it when first read.</summary>
    internal void AddStepOf(Transaction t)
    {
        MakeLatestStep();
        _latestStepUnmade = t;
        _latestStepCredentials = t.Credentials;
    }

    /// <summary>Makes the step still unmade (the engine calls it before the report reads from other threads).</summary>
    internal void MakeLatestStep()
    {
        if (_latestStepUnmade is not { } t) return;
        _latestStepUnmade = null;
        _steps.Add(RegistrationStep.Of(t, _latestStepCredentials));
        _latestStepCredentials = null;
    }

    /// <summary>Transactions kept, without making the list.</summary>
    internal int TransactionCount => _transactions.Count;

    /// <summary>The transaction at <paramref name="index"/>, without making the list.</summary>
    internal Transaction TransactionAt(int index) => _transactions[index];

    /// <summary>Appends a transaction, keeping <paramref name="atEachEnd"/> of each end; false when one from the middle was dropped.</summary>
    internal bool AddTransaction(Transaction transaction, int atEachEnd) => _transactions.AddKeepingEnds(transaction, atEachEnd);
    [JsonIgnore] public bool IsClosed => Outcome is not null;

    private static int? OptionalInt(int value) => value == NoInt ? null : value;

    public override string ToString() => $"{Aor} {CallId} {RegistrationOutcomes.WireName(Outcome)} {FinalStatus}";
}
