using System.Globalization;
using System.Text;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a registration-rejected finding: a genuine credentials failure, never confused with routing.</summary>
internal static class RegistrationRejectedText
{
    public static FindingText Write(PathProblem p, PathFindingContext c)
    {
        var r = p.Registrations[0];
        var last = r.Transactions.Count > 0 ? r.Transactions[^1] : null;
        int status = r.FinalStatus ?? 0;
        string statusText = last?.FinalReason is string reason ? $"{status} {reason}" : status.ToString(CultureInfo.InvariantCulture);
        bool secondChallenge = status is 401 or 407;
        var text = new StringBuilder();
        text.Append(secondChallenge
            ? $"{r.Aor} answered the challenge with credentials for user {r.Username ?? "?"}, and the registrar challenged again with {statusText} without stale=true: it refused them."
            : $"{r.Aor} sent credentials for user {r.Username ?? "?"} and the registrar answered {statusText}.");
        text.Append(" The responses reached the client (it answered the challenge), so this is a genuine credentials failure, not a routing problem.");
        PathSentences.AppendPassword(text, c.Password(AuthPaths(r)));
        if (p.Registrations.Count > 1) text.Append($" {p.Registrations.Count} registration attempts from this client were rejected.");
        return new FindingText(
            $"The registrar rejected the credentials of {r.Username ?? r.Aor} from {p.Client} ({statusText}).",
            text.ToString(),
            $"The phone shows an authentication error ({ClientSymptoms.AvayaWording}) — and this time the credentials really were refused.");
    }

    /// <summary>The registration's transactions as paths, for the password check.</summary>
    public static List<TransactionPath> AuthPaths(Sip.Registration r) =>
        r.Transactions.Select(t => new TransactionPath { Transaction = t }).ToList();
}
