using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Counts over every SIP message, as tshark's <c>-z sip,stat</c> counts packets (retransmissions included,
/// copies quoted inside ICMP errors excluded), plus outcome counts and anomalies with their frames.
/// </summary>
public sealed class SipStatistics
{
    /// <summary>SIP messages seen (requests and responses).</summary>
    public long Messages { get; internal set; }
    /// <summary>Requests per method (as in the request line).</summary>
    public Dictionary<string, long> Requests => _recentRequest.Flushed(_requests);
    /// <summary>Responses per status code.</summary>
    public Dictionary<int, long> Responses => _recentResponse.Flushed(_responses);
    /// <summary>Messages tshark marks as resent ("Number of resent SIP messages").</summary>
    public long Retransmissions { get; internal set; }
    /// <summary>Request copies after the first within a transaction (RFC 3261 matching, every transport).</summary>
    public long RequestRetransmissions { get; internal set; }
    /// <summary>Response copies beyond the first of each status within a transaction.</summary>
    public long ResponseRetransmissions { get; internal set; }
    /// <summary>SIP messages seen quoted inside ICMP errors (not counted above).</summary>
    public long QuotedInIcmp { get; internal set; }
    /// <summary>Messages reported malformed by the parser (not counted above).</summary>
    public long Malformed { get; internal set; }

    public Dictionary<TransactionOutcome, long> TransactionsByOutcome => _recentTransactionOutcome.Flushed(_transactionsByOutcome);
    public Dictionary<string, long> TransactionsByMethod => _recentTransactionMethod.Flushed(_transactionsByMethod);
    public Dictionary<DialogOutcome, long> DialogsByOutcome => _recentDialogOutcome.Flushed(_dialogsByOutcome);
    public Dictionary<RegistrationOutcome, long> RegistrationsByOutcome { get; } = new();

    /// <summary>Oddities by kind (e.g. "malformed:bad-start-line", "response-without-request"), with frames.</summary>
    public Dictionary<string, AnomalyTally> Anomalies { get; } = new(StringComparer.Ordinal);

    public StateEvictions Evictions { get; } = new();

    // Counted through the last key of each (RecentCount): every message and every completed transaction and dialog
    // counts here, mostly the same key as the one before.
    private readonly Dictionary<string, long> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _responses = new();
    private readonly Dictionary<TransactionOutcome, long> _transactionsByOutcome = new();
    private readonly Dictionary<string, long> _transactionsByMethod = new(StringComparer.Ordinal);
    private readonly Dictionary<DialogOutcome, long> _dialogsByOutcome = new();
    private RecentCount<string> _recentRequest;
    private RecentCount<int> _recentResponse;
    private RecentCount<TransactionOutcome> _recentTransactionOutcome;
    private RecentCount<string> _recentTransactionMethod;
    private RecentCount<DialogOutcome> _recentDialogOutcome;

    internal void CountRequest(string method) => _recentRequest.Add(_requests, method);
    internal void CountResponse(int status) => _recentResponse.Add(_responses, status);

    internal void CountTransaction(TransactionOutcome outcome, string method)
    {
        _recentTransactionOutcome.Add(_transactionsByOutcome, outcome);
        _recentTransactionMethod.Add(_transactionsByMethod, method);
    }

    internal void CountDialog(DialogOutcome outcome) => _recentDialogOutcome.Add(_dialogsByOutcome, outcome);

    /// <summary>Puts every held count in its dictionary (end of capture): the report's readers, on other threads, then only read.</summary>
    internal void FlushCounts()
    {
        _recentRequest.Flush(_requests);
        _recentResponse.Flush(_responses);
        _recentTransactionOutcome.Flush(_transactionsByOutcome);
        _recentTransactionMethod.Flush(_transactionsByMethod);
        _recentDialogOutcome.Flush(_dialogsByOutcome);
    }

    internal void AddAnomaly(string kind, FrameRef frame, int maxFrames)
    {
        if (!Anomalies.TryGetValue(kind, out var tally))
        {
            tally = new AnomalyTally();
            Anomalies[kind] = tally;
        }
        tally.Count++;
        // One message can hold the same oddity several times (ten duplicate headers): its frame is listed once.
        if (tally.Frames.Count < maxFrames && !tally.Frames.Contains(frame)) tally.Frames.Add(frame);
    }

    // One look-up, not two (registrations by outcome: a key per closed attempt, seldom a run of one).
    internal static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key) where TKey : notnull =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
}
