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
    public Dictionary<string, long> Requests { get; } = new(StringComparer.Ordinal);
    /// <summary>Responses per status code.</summary>
    public Dictionary<int, long> Responses { get; } = new();
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

    public Dictionary<TransactionOutcome, long> TransactionsByOutcome { get; } = new();
    public Dictionary<string, long> TransactionsByMethod { get; } = new(StringComparer.Ordinal);
    public Dictionary<DialogOutcome, long> DialogsByOutcome { get; } = new();
    public Dictionary<RegistrationOutcome, long> RegistrationsByOutcome { get; } = new();

    /// <summary>Oddities by kind (e.g. "malformed:bad-start-line", "response-without-request"), with frames.</summary>
    public Dictionary<string, AnomalyTally> Anomalies { get; } = new(StringComparer.Ordinal);

    public StateEvictions Evictions { get; } = new();

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

    internal static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key) where TKey : notnull
    {
        counts.TryGetValue(key, out long n);
        counts[key] = n + 1;
    }
}
