using System.Globalization;
using System.Text;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a registration-rejected finding: a genuine credentials failure, never confused with routing.</summary>
internal static class RegistrationRejectedText
{
    /// <param name="atLeast">The attempts were counted from the registrations kept for the report, fewer than the capture held.</param>
    public static FindingText Write(PathProblem p, PathFindingContext c, (int Attempts, long SpanNs)? guessing = null, GuessingGroup? group = null,
        bool atLeast = false)
    {
        var r = p.Registrations[0];
        var last = r.Transactions.Count > 0 ? r.Transactions[^1] : null;
        int status = r.FinalStatus ?? 0;
        string statusText = last?.FinalReason is string reason ? $"{status} {reason}" : status.ToString(CultureInfo.InvariantCulture);
        if (group is not null && guessing is var (own, _))
            return GuessingTogether(p, group, own, statusText, FindingText.AtLeast(atLeast)).CountingKept(atLeast, "registrations", "sip-registrations-not-retained");
        if (guessing is var (attempts, span))
            return Guessing(p, attempts, span, statusText, FindingText.AtLeast(atLeast)).CountingKept(atLeast, "registrations", "sip-registrations-not-retained");
        if (!p.Registrations.Exists(x => x.Username is not null)) return RefusedOutright(p, status, statusText);
        bool secondChallenge = status is 401 or 407;
        var users = Users(p);
        if (users.Count > 1) return Lines(p, c, users, statusText, secondChallenge);
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

    /// <summary>The users the client's refused registrations were for, in order of first attempt (the digest user, else the AOR).</summary>
    internal static List<string> Users(PathProblem p) => p.Registrations.Select(x => x.Username ?? x.Aor).Distinct(StringComparer.Ordinal).ToList();

    // One address registering several users: a gateway's or an ATA's lines, a proxy's phones, a softphone whose account
    // was changed. Every user is named up to a few, so that no line is fixed and another left.
    private static FindingText Lines(PathProblem p, PathFindingContext c, List<string> users, string statusText, bool secondChallenge)
    {
        string named = NamedUsers(users);
        var text = new StringBuilder();
        text.Append($"{p.Client} registers {named} — a device with several lines (a gateway, an ATA), a proxy for phones, or a phone whose account was changed; ");
        text.Append(secondChallenge
            ? $"it answered the challenges with credentials, and the registrar challenged again with {statusText} without stale=true: it refused them."
            : $"it sent credentials and the registrar answered {statusText}.");
        text.Append(" The responses reached the client (it answered the challenges), so this is a genuine credentials failure, not a routing problem.");
        PathSentences.AppendPassword(text, c.Password(AuthPaths(p.Registrations[0])));
        text.Append($" {p.Registrations.Count.ToString("N0", CultureInfo.InvariantCulture)} registrations from this client were refused.");
        // As many attempts as fast as a guesser's, but a device's pattern: said, since the pace alone would suggest an attack.
        var (attempts, span) = PasswordGuessing.Own(p.Registrations);
        if (PasswordGuessing.IsBurst(attempts, span) && PasswordGuessing.AreDeviceLines(p.Registrations))
            text.Append($" They came {Pace(span, attempts)}, but no user was tried again sooner than a device retries and there are fewer users than "
                        + "a program sweeping extensions tries: a device registering its lines at once, not guesses.");
        return new FindingText(
            $"The registrar rejected the credentials of {named} from {p.Client} ({statusText}).",
            text.ToString(),
            $"A refused user cannot register: a phone shows an authentication error ({ClientSymptoms.AvayaWording}), a gateway's line cannot call — and this time the credentials really were refused.");
    }

    private static string NamedUsers(List<string> users) => users.Count == 1
        ? $"user {users[0]}"
        : $"{users.Count.ToString("N0", CultureInfo.InvariantCulture)} users ({string.Join(", ", users.Take(UsersNamed))}{(users.Count > UsersNamed ? " …" : "")})";

    private const int UsersNamed = 4;

    // A program trying passwords: the attack, its pace and what to do, not a phone to reconfigure.
    private static FindingText Guessing(PathProblem p, int attempts, long spanNs, string statusText, string atLeast)
    {
        string user = NamedUsers(Users(p));
        var statuses = p.Registrations.GroupBy(x => x.FinalStatus ?? 0).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => $"{g.Key} \u00d7{g.Count().ToString(CultureInfo.InvariantCulture)}");
        string pace = Pace(spanNs, attempts);
        return new FindingText(
            $"Password guessing: {p.Client} tried {atLeast}{attempts.ToString("N0", CultureInfo.InvariantCulture)} times {pace} to register as {user}; the registrar refused every attempt ({statusText}).",
            $"{p.Client} answered {attempts.ToString("N0", CultureInfo.InvariantCulture)} challenges with credentials for {user} {pace}, each attempt under a Call-ID of its own, "
            + $"and the registrar refused every one ({string.Join(", ", statuses)}). A phone with a wrong password keeps its Call-ID and retries a few times a minute at most: "
            + "this is a program guessing the password (svcrack and the like). The answers reached it, so this is not a routing problem. "
            + "Block the source at the edge (firewall, fail2ban) and keep the extension's password strong; a guessed one would show here as a 2xx.",
            $"None on the phones themselves; someone is trying passwords for {user}: a weak one would be found.");
    }

    // Refused before any challenge: no password was checked. 404 is an extension the registrar has not got; anything
    // else (403 most often) is a rule about this address or this user.
    private static FindingText RefusedOutright(PathProblem p, int status, string statusText)
    {
        var r = p.Registrations[0];
        string attempts = p.Registrations.Count > 1 ? $" {p.Registrations.Count} registration attempts from this client were refused." : "";
        if (status is 404 or 604)
            return new FindingText(
                $"The registrar does not know {r.Aor}: it answered {p.Client}'s REGISTER with {statusText}, before asking for any password.",
                $"{r.Aor} asked to register and the registrar answered {statusText} without a challenge: it has no such user, so no password was "
                + "checked and none is wrong. The answer reached the client, so this is not a routing problem. Check the extension (user name) "
                + "configured on the phone against the registrar's, or create it there." + attempts,
                "The phone shows the registration as failed (some softphones word it “Invalid extension or wrong password”): the extension, not the password, is unknown.");
        return new FindingText(
            $"The registrar refused {p.Client}'s REGISTER for {r.Aor} with {statusText}, before asking for any password.",
            $"{r.Aor} asked to register and the registrar answered {statusText} without a challenge: not a password it checked but a rule it "
            + "applies to this address or this user — an address not allowed (an ACL, a permit/deny list, a SIP port limited to known networks), "
            + "a disabled extension or a limit on registrations. The answer reached the client, so this is not a routing problem." + attempts,
            "The phone shows the registration as refused or failed (some softphones word it “Invalid extension or wrong password”), although no password was checked.");
    }

    // One address of many taking turns: the attack is the group's, this address a share of it.
    private static FindingText GuessingTogether(PathProblem p, GuessingGroup g, int own, string statusText, string atLeast)
    {
        if (g.User is null) return Spraying(p, g, own, statusText, atLeast);
        string sources = g.Sources.ToString("N0", CultureInfo.InvariantCulture), all = g.Attempts.ToString("N0", CultureInfo.InvariantCulture);
        string pace = Pace(g.SpanNs, g.Attempts);
        return new FindingText(
            $"Password guessing from {sources} addresses: {p.Client} is one of them; together they tried {atLeast}{all} times {pace} to register as user {g.User}; "
            + $"the registrar refused every attempt ({statusText}).",
            $"{p.Client} made {own.ToString("N0", CultureInfo.InvariantCulture)} of {all} attempts that {sources} addresses made for user {g.User} {pace}, "
            + "each under a Call-ID of its own, and the registrar refused every one. A phone with a wrong password keeps its Call-ID and retries a few "
            + "times a minute at most, and one extension has a few devices, not dozens taking turns: this is a program guessing the password from many "
            + "addresses at once (a botnet), each address staying under what a per-address limit would catch. The answers reached it, so this is not a "
            + "routing problem. A guessed password would show here as a 2xx.",
            $"None on the phones themselves; someone is trying passwords for user {g.User} from many addresses: a weak one would be found.");
    }

    // Many addresses taking turns over many users: no address and no user alone looks like a guesser.
    private static FindingText Spraying(PathProblem p, GuessingGroup g, int own, string statusText, string atLeast)
    {
        string sources = g.Sources.ToString("N0", CultureInfo.InvariantCulture), all = g.Attempts.ToString("N0", CultureInfo.InvariantCulture);
        string users = g.Users.ToString("N0", CultureInfo.InvariantCulture), pace = Pace(g.SpanNs, g.Attempts);
        string named = string.Join(", ", g.UserSample.Take(3)) + (g.Users > 3 ? $" and {(g.Users - 3).ToString("N0", CultureInfo.InvariantCulture)} more" : "");
        return new FindingText(
            $"Password spraying from {sources} addresses: {p.Client} is one of them; together they tried {users} users {atLeast}{all} times {pace}; "
            + $"the registrar refused every attempt ({statusText}).",
            $"{p.Client} made {own.ToString("N0", CultureInfo.InvariantCulture)} of {all} attempts that {sources} addresses made for {users} users "
            + $"({named}) {pace}, each under a Call-ID of its own, and the registrar refused every one. Phones with a wrong password keep their "
            + "Call-ID and each tries its own extensions from its own address; here the same users were tried from several addresses each: a program "
            + "trying passwords across the extensions from many addresses at once (a botnet), each address and each user staying under what a limit "
            + "per address or per user would catch. The answers reached it, so this is not a routing problem. A guessed password would show here as a 2xx.",
            $"None on the phones themselves; someone is trying passwords for {users} users from many addresses: a weak one would be found.");
    }

    // "in 9.9 s (one every 20 ms)".
    internal static string Pace(long spanNs, int attempts)
    {
        string every = attempts > 1 ? Duration(spanNs / (attempts - 1)) : "";
        return $"in {Duration(spanNs)}" + (every.Length > 0 ? $" (one every {every})" : "");
    }

    private static string Duration(long ns) => ns < 1_000_000_000
        ? $"{Math.Max(1, ns / 1_000_000).ToString(CultureInfo.InvariantCulture)} ms"
        : $"{PathSentences.Seconds(ns)} s";

    /// <summary>The registration's transactions as paths, for the password check.</summary>
    public static List<TransactionPath> AuthPaths(Sip.Registration r) =>
        r.Transactions.Select(t => new TransactionPath { Transaction = t }).ToList();
}
