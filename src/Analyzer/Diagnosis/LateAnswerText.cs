using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>
/// The words for late answers: a 400 that answers a late retransmission looks, in Wireshark, like a phone sending
/// malformed requests; these sentences say what it is instead — the consequence of a lost first answer.
/// </summary>
public static class LateAnswerText
{
    private const int FramesInSentence = 3;

    /// <summary>"400 Bad Request", or the code alone without a reason phrase.</summary>
    public static string Status(int status, string? reason) =>
        string.IsNullOrEmpty(reason) ? status.ToString(CultureInfo.InvariantCulture) : $"{status.ToString(CultureInfo.InvariantCulture)} {reason}";

    /// <summary>The cause's clause: why the late answers are no problem of their own.</summary>
    public static string ForCause(LateAnswerEvidence late)
    {
        string host = Host(late.Server);
        string lost = late.LostAnswers.Count == 1 ? "the lost " + Code(late.LostAnswers[0]) : "the lost first answers";
        return $"{host} had already ended {(late.Transactions == 1 ? "that transaction" : "those transactions")} and took the late copies for new requests; they follow from {lost}, not from a malformed request";
    }

    /// <summary>The sentence added to the explanation of the finding about the client whose requests they answered.</summary>
    public static string ForFinding(IReadOnlyList<LateRetransmissionAnswer> answers, bool severalCaptures)
    {
        var a = answers[0];
        int count = 0;
        var frames = new List<string>(FramesInSentence);
        foreach (var x in answers)
        {
            count += x.Count;
            foreach (var m in x.Late.Messages)
                if (frames.Count < FramesInSentence) frames.Add(severalCaptures ? m.Frame.ToString() : m.Frame.Frame.ToString(CultureInfo.InvariantCulture));
        }
        var text = new StringBuilder();
        text.Append($" The client's later copies of the {a.Path.Transaction.Method} were answered {count} × {Status(a.Late.Status, a.Late.Reason)}")
            .Append($" (from {Seconds(a.AfterFirstNs)} s after the {a.First.Status} on; frame{(count == 1 ? "" : "s")} {string.Join(", ", frames)}{(count > frames.Count ? " …" : "")}):")
            .Append($" {Host(a.Path.Transaction.Server)} had already ended the transaction and took them for new requests with a repeated CSeq.")
            .Append($" They follow from the lost {a.First.Status}, not from a malformed request, and reject nothing.");
        return text.ToString();
    }

    private static string Code(string status) => status.Split(' ', 2)[0];

    private static string Host(string endpoint)
    {
        int colon = endpoint.LastIndexOf(':');
        return colon > 0 && endpoint.IndexOf(':') == colon ? endpoint[..colon] : endpoint;
    }

    private static string Seconds(long ns) => (ns / 1e9).ToString("0.0", CultureInfo.InvariantCulture);
}
