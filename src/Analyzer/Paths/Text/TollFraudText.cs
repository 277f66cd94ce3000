using System.Globalization;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a toll-fraud attempt: calls tried with guessed credentials, an attack on the line, not a phone to fix.</summary>
internal static class TollFraudText
{
    private const int NumbersNamed = 3;

    /// <param name="atLeast">The calls were counted from the transactions kept for the report, fewer than the capture held.</param>
    public static FindingText Write(PathProblem p, int calls, long spanNs, IReadOnlyList<string> numbers, string? user, int accepted, bool atLeast = false)
    {
        string n = calls.ToString("N0", CultureInfo.InvariantCulture), tried = FindingText.AtLeast(atLeast) + (calls + accepted).ToString("N0", CultureInfo.InvariantCulture);
        string pace = RegistrationRejectedText.Pace(spanNs, calls);
        string who = user is null ? "credentials" : $"credentials for user {user}";
        string dialled = numbers.Count == 0 ? "" : $" to {numbers.Count.ToString("N0", CultureInfo.InvariantCulture)} number{(numbers.Count == 1 ? "" : "s")} ("
            + string.Join(", ", numbers.Take(NumbersNamed)) + (numbers.Count > NumbersNamed ? " …" : "") + ")";
        var statuses = p.Paths.Where(x => TollFraud.Refused(x.Transaction)).GroupBy(x => x.Transaction.FinalStatus ?? 0)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => $"{g.Key} \u00d7{g.Count().ToString(CultureInfo.InvariantCulture)}");
        string known = user is null ? "the password it used" : $"the password of user {user}";
        return new FindingText(
            $"Toll-fraud attempt: {p.Client} tried {tried} calls {pace} with {who}{dialled}; "
            + (accepted == 0 ? "the server refused every one." : $"the server refused {n} and accepted {accepted.ToString("N0", CultureInfo.InvariantCulture)}: {known} is known to the caller."),
            $"{p.Client} sent {tried} INVITEs, each a call of its own, answered the challenge of each with {who}, and {n} were refused ({string.Join(", ", statuses)}). "
            + "A phone places a call now and then; a program that dials number after number this fast is trying passwords for a way out to the phone "
            + "network at the line's cost (international and premium numbers are the usual targets). The answers reached it, so this is not a routing problem."
            + (accepted == 0 ? "" : $" {accepted.ToString("N0", CultureInfo.InvariantCulture)} of its calls were accepted (2xx) with {known}: change it now and check the calls made with it."),
            accepted == 0
                ? $"None on the phones themselves; someone is trying to call out through the server with {who}: a weak password would be found, and paid for."
                : $"None on the phones themselves; but the caller holds {known} and can call out at the line's cost.")
            .CountingKept(atLeast, "transactions", "sip-transactions-not-retained");
    }
}
