using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Chains REGISTER transactions per capture, Call-ID and AOR into registration attempts and decides each
/// attempt's outcome. An attempt closes on a conclusive final response (2xx, 403/404, a 401/407 to credentials
/// without stale=true, any other final) or when its last transaction completes (silence, or a challenge the
/// client never answered). The next REGISTER on the same Call-ID and AOR opens the next attempt (a refresh).
/// </summary>
internal sealed class RegistrationTracker
{
    private readonly SipEngineOptions _options;
    private readonly Action<Registration> _closed;
    private readonly GenerationalMap<CallIdKey, Binding> _bindings;
    private long _nextId;

    /// <param name="bindings">Bindings remembered by every tracker of the analysis (this one's included).</param>
    public RegistrationTracker(SipEngineOptions options, Action<Registration> closed, SharedCount? bindings = null)
    {
        _options = options;
        _closed = closed;
        _bindings = new(options.MaxRegistrationBindings, bindings);
    }

    public long Evicted => _bindings.Evicted;

    /// <summary>Transactions dropped from the middle of long registration attempts.</summary>
    public long HistoryNotKept { get; private set; }

    /// <summary>A new REGISTER transaction (its first copy).</summary>
    public void OnRequest(Transaction t, in PacketMeta meta, SipMessage message)
    {
        string aor = message.ToUri ?? "";
        var key = new CallIdKey(meta.Point, message.CallId ?? "", aor);
        bool known = _bindings.TryGetValue(key, out var binding);
        if (!known) binding = Binding.New;

        var reg = binding.Current;
        if (reg is null || reg.IsClosed)
        {
            reg = new Registration
            {
                Id = ++_nextId,
                Capture = meta.Capture,
                Point = meta.Point,
                Aor = aor,
                CallId = message.CallId ?? "",
                Server = meta.Destination,
                Transport = t.Transport,
                UserAgent = message.UserAgent,
                StartNs = meta.TimestampNs,
                BindingHash = key.GetHashCode(),
                Opener = t,
            };
            if (binding.LastStartNs != Binding.None)
            {
                reg.SincePreviousMs = (meta.TimestampNs - binding.LastStartNs) / 1e6;
                reg.BindingLapsed = binding.BoundUntilNs != Binding.None && binding.BoundUntilNs < meta.TimestampNs;
            }
            binding.Current = reg;
            binding.LastStartNs = meta.TimestampNs;
            if (known) _bindings.Update(key, binding);
            else _bindings.Set(key, binding);
        }

        var credentials = message.FirstCredentials;
        if (credentials is not null)
        {
            reg.Username ??= credentials.Username;
            reg.Realm ??= credentials.Realm;
        }
        var contact = message.FirstContact;
        reg.Contact ??= contact is not null ? contact.Uri : message.ContactWildcard ? "*" : null;
        reg.RequestedExpires = message.Expires ?? contact?.Expires ?? reg.RequestedExpires;

        t.Registration = reg;
        if (!reg.AddTransaction(t, _options.HistoryKeptAtEachEnd))
        {
            reg.TransactionsNotKept++;
            HistoryNotKept++;
        }
        if (reg.StepCount >= _options.MaxStepsPerRegistration)
        {
            reg.StepsNotKept++;
            return;
        }
        // The request's facts are the new transaction's own (its first frame and time, its credentials).
        reg.AddStepOf(t);
    }

    /// <summary>The first final response of a REGISTER transaction.</summary>
    public void OnFinalResponse(Transaction t, in PacketMeta meta, SipMessage response)
    {
        var reg = t.Registration;
        if (reg is null) return;
        var step = StepOf(reg, t);
        int status = response.StatusCode;
        var challenge = response.FirstChallenge;
        if (step is not null)
        {
            step.FinalStatus = status;
            step.Stale = challenge?.Stale ?? false;
            step.Realm = challenge?.Realm;
        }
        if (challenge?.Realm is string realm) reg.Realm ??= realm;
        reg.FinalStatus = status;
        if (reg.IsClosed || !IsLast(reg, t)) return;

        RegistrationOutcome? outcome = status switch
        {
            >= 200 and < 300 => IsDeregistration(t) ? RegistrationOutcome.Deregistered : RegistrationOutcome.Registered,
            // Only a challenge to credentials that answered an earlier challenge is a rejection: a refresh
            // with a cached nonce may be challenged once without stale=true and then succeed.
            401 or 407 => t.Credentials is not null && !(challenge?.Stale ?? false) && WasChallengedBefore(reg, t)
                ? RegistrationOutcome.Rejected
                : null,
            423 => null, // Interval Too Brief: the client retries with a longer expiry
            403 or 404 or 603 or 604 => RegistrationOutcome.Rejected,
            _ => RegistrationOutcome.Other,
        };
        if (outcome == RegistrationOutcome.Registered)
        {
            foreach (var c in response.Contacts) reg.BoundContacts.Add(c);
            reg.GrantedExpires = GrantedExpires(reg, response);
            if (reg.GrantedExpires is int seconds)
            {
                ref var binding = ref _bindings.Find(BindingKey(reg), out bool found);
                if (found) binding.BoundUntilNs = meta.TimestampNs + seconds * 1_000_000_000L;
            }
        }
        if (outcome is { } decided) Close(reg, decided, meta.TimestampNs);
    }

    /// <summary>A REGISTER transaction completed; if it was the attempt's last one, the attempt is decided.</summary>
    public void OnTransactionCompleted(Transaction t)
    {
        var reg = t.Registration;
        if (reg is null) return;
        // A step still unmade will be made from the completed transaction, outcome and retransmissions included.
        var step = reg.IsStepUnmade(t) ? null : StepOf(reg, t);
        if (step is not null)
        {
            step.Outcome = t.Outcome;
            step.Retransmissions = t.Retransmissions;
        }
        if (reg.IsClosed || !IsLast(reg, t)) return;
        reg.EndedByCaptureEnd = t.EndedByCaptureEnd;
        reg.Evicted = t.Evicted;
        RegistrationOutcome outcome = t.FinalStatus switch
        {
            // Evicted before an answer: nothing is known, and "unanswered" would accuse the network.
            null when t.Evicted => RegistrationOutcome.Evicted,
            401 or 407 => RegistrationOutcome.Challenged,
            int => RegistrationOutcome.Other,
            null => t.Credentials is not null && WasChallengedBefore(reg, t)
                ? RegistrationOutcome.AuthUnanswered
                : RegistrationOutcome.Unanswered,
        };
        Close(reg, outcome, t.LastMessageNs);
    }

    private void Close(Registration reg, RegistrationOutcome outcome, long atNs)
    {
        reg.Outcome = outcome;
        reg.EndNs = atNs;
        // A closed attempt is never continued (the next REGISTER starts a new one): the binding keeps only its
        // timing, not the attempt and its transactions, or a scan of one REGISTER per Call-ID holds 50 000 of them.
        var key = BindingKey(reg);
        ref var binding = ref _bindings.Find(key, out bool found);
        if (found && ReferenceEquals(binding.Current, reg))
        {
            binding.Current = null;
            // A binding whose first attempt was one scan-like request (never bound, nothing retransmitted, no
            // credentials) is forgotten with it: a scan opens one per request, and remembered for two generations
            // of the map each held its Call-ID and AOR through several collections. What is lost is only the
            // interval to a later attempt on the same Call-ID, which a scanner never makes.
            if (binding.BoundUntilNs == Binding.None && IsOneScanLikeRequest(reg)) _bindings.Remove(key);
        }
        _closed(reg);
    }

    private static bool IsOneScanLikeRequest(Registration reg) =>
        reg.TransactionCount == 1 && reg.SincePreviousMs is null
        && ScanTally.EvidenceOf(reg.TransactionAt(0)) != ScanEvidence.None;

    // The key the attempt's binding is held under, with the hash it was made with: a scan closes an attempt per
    // message, and hashing its Call-ID and AOR again was a look-up's worth of work.
    private static CallIdKey BindingKey(Registration reg) => new(reg.Point, reg.CallId, reg.Aor, reg.BindingHash);

    // By index, not through the lists: reading a list makes it, two objects more for each attempt of a scan.
    private static bool IsLast(Registration reg, Transaction t) => ReferenceEquals(reg.TransactionAt(reg.TransactionCount - 1), t);

    private static RegistrationStep? StepOf(Registration reg, Transaction t)
    {
        for (int i = 0; i < reg.StepCount; i++) if (reg.StepAt(i).TransactionId == t.Id) return reg.StepAt(i);
        return null;
    }

    private static bool WasChallengedBefore(Registration reg, Transaction t)
    {
        for (int i = 0; i < reg.TransactionCount; i++)
        {
            var other = reg.TransactionAt(i);
            if (ReferenceEquals(other, t)) break;
            if (other.FinalStatus is 401 or 407) return true;
        }
        return false;
    }

    // Expires: 0, Contact: *, or every contact with ;expires=0 removes bindings (RFC 3261 §10.2.2).
    private static bool IsDeregistration(Transaction t)
    {
        var request = t.FirstRequest;
        if (request is null) return false;
        if (request.ContactWildcard) return true;
        if (request.Contacts is { Count: > 0 } contacts)
        {
            foreach (var c in contacts)
                if ((c.Expires ?? request.Expires) != 0) return false;
            return true;
        }
        return request.Expires == 0;
    }

    // The registrar states the granted expiry per contact; prefer the one the client asked to bind.
    private static int? GrantedExpires(Registration reg, SipMessage response)
    {
        foreach (var c in response.Contacts)
            if (reg.Contact is not null && c.Uri == reg.Contact && c.Expires is int e) return e;
        foreach (var c in response.Contacts)
            if (c.Expires is int e) return e;
        return response.Expires ?? reg.RequestedExpires;
    }

    // A value in the map, not an object of its own: a scan leaves one binding per Call-ID behind for two
    // generations of the map, long enough for the collector to copy each into its oldest generation.
    internal struct Binding
    {
        public const long None = long.MinValue;
        public static Binding New => new() { LastStartNs = None, BoundUntilNs = None };

        public Registration? Current;
        public long LastStartNs;
        public long BoundUntilNs;
    }
}
