using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// A second, different final response (typically 400 Bad Request) that a server sent to late copies of a request
/// whose first final response never reached the client. The client kept retransmitting because the first answer
/// was lost; once the server's transaction had ended (timer J, or the server's own shorter timer), a late copy
/// matched nothing and the server took it for a new request with a repeated CSeq. These answers follow from the
/// lost response, not from a malformed request, and reject nothing.
/// </summary>
public sealed record LateRetransmissionAnswer(TransactionPath Path, ResponseGroup First, ResponseGroup Late)
{
    /// <summary>Copies of the late answer the capture saw.</summary>
    public int Count => Late.Count;

    /// <summary>From the first final response to the first late answer, in ns: how long the server's transaction lived at most.</summary>
    public long AfterFirstNs => Late.Messages.Count > 0 && Path.Transaction.FinalResponseNs is long first
        ? Late.Messages[0].TimestampNs - first
        : 0;

    /// <summary>
    /// The late answers among <paramref name="paths"/>: per transaction whose first final response was not
    /// delivered and whose request came again after it, each later final response of another status, 4xx or above.
    /// One per client, Call-ID, CSeq, branch and status: when several capture points saw it, the point that saw
    /// most copies. Runs over the transactions once, after the packets.
    /// </summary>
    public static List<LateRetransmissionAnswer> Find(IReadOnlyList<TransactionPath> paths)
    {
        var found = new Dictionary<(string, string?, long, string, int), LateRetransmissionAnswer>();
        foreach (var p in paths)
        {
            var t = p.Transaction;
            // A delivered first answer explains any later copy (one that crossed it); without a copy after the first
            // answer, a second status is the server's own doing, not an answer to a retransmission.
            if (p.Delivery != ResponseDelivery.NotDelivered || p.FinalResponse is not { } first
                || t.RetransmissionsAfterFinal == 0 || t.FinalResponseNs is not long firstNs) continue;
            foreach (var g in t.Responses)
            {
                if (g.Status < 400 || g.Status == first.Status || g.Messages.Count == 0 || g.Messages[0].TimestampNs <= firstNs) continue;
                var answer = new LateRetransmissionAnswer(p, first, g);
                var key = (t.Client, t.CallId, t.CSeq, t.Branch, g.Status);
                if (!found.TryGetValue(key, out var seen) || seen.Count < answer.Count) found[key] = answer;
            }
        }
        var answers = new List<LateRetransmissionAnswer>(found.Values);
        answers.Sort((a, b) => a.Late.Messages[0].TimestampNs.CompareTo(b.Late.Messages[0].TimestampNs));
        return answers;
    }
}
