using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Password guessing spread over many addresses (a botnet), each of which stays under what makes one address a
/// guesser (<see cref="PasswordGuessing"/>): refused registrations for one user at one registrar, from two addresses or
/// more, that together make at least <see cref="PasswordGuessing.MinAttempts"/> attempts under Call-IDs of their own
/// at most 2 s apart on average, where the addresses started two registrations each or more on average. A phone keeps
/// its Call-ID for every retry (RFC 3261 §10.2), so phones that share an account and all have its old password make
/// one Call-ID each however long they retry; one extension has a few devices, not dozens taking turns every 20 ms.
/// Guesses sprayed over many users (a password tried against extension after extension) may stay under that for every
/// user as well: the users that addresses took turns on — each tried from two addresses or more — are then taken
/// together under the same rules. A phone tries its own extensions from its own address, so phones whose passwords are
/// all wrong never make such users, and a user of theirs beside a spray is left out of it. A client that started one
/// registration only is a phone and never one of a group's addresses.
/// </summary>
internal static class DistributedGuessing
{
    /// <summary>Registrations of their own per address, on average, that set guessers apart from phones.</summary>
    private const int MinAttemptsPerSource = 2;

    /// <summary>The users of a spray named in its evidence and filter; the count says how many more.</summary>
    public const int MaxUsersNamed = 64;

    /// <summary>The group each client with refused registrations guesses in, for the clients of groups that are guessing.</summary>
    public static Dictionary<PathProblem, GuessingGroup> Find(IEnumerable<PathProblem> problems)
    {
        var byUser = new Dictionary<(string Server, string User), Tally>();
        foreach (var p in problems)
        {
            // A client that kept one Call-ID however often it retried is a phone (RFC 3261 §10.2), whatever others do
            // with its user: a phone whose password is wrong, beside a botnet guessing that user, stays the phone it is.
            if (p.Kind != FindingKind.RegistrationRejected || PasswordGuessing.Own(p.Registrations).Attempts < MinAttemptsPerSource) continue;
            foreach (var r in p.Registrations)
            {
                if (r.TransactionCount == 0 || r.Username is null) continue; // no password sent, none guessed
                var key = (r.Server, r.Username);
                if (!byUser.TryGetValue(key, out var tally)) byUser[key] = tally = new Tally();
                tally.Add(p, r);
            }
        }
        var groups = new Dictionary<PathProblem, GuessingGroup>();
        // Per registrar, the users tried from two addresses or more, taken together.
        var sprays = new Dictionary<string, (Tally Tally, List<string> Users)>(StringComparer.Ordinal);
        foreach (var ((server, user), tally) in byUser)
        {
            if (tally.Sources.Count >= 2)
            {
                if (!sprays.TryGetValue(server, out var spray)) sprays[server] = spray = (new Tally(), new List<string>());
                spray.Tally.Merge(tally);
                spray.Users.Add(user);
            }
            if (IsGroup(tally)) Join(groups, tally, new GuessingGroup(user, 1, [user], server, tally.Sources.Count, tally.CallIds.Count, tally.FirstNs, tally.LastNs));
        }
        foreach (var (server, (spray, users)) in sprays)
        {
            if (users.Count < 2 || !IsGroup(spray)) continue;
            users.Sort(CompareUsers);
            Join(groups, spray, new GuessingGroup(null, users.Count, users.Take(MaxUsersNamed).ToList(), server, spray.Sources.Count,
                spray.CallIds.Count, spray.FirstNs, spray.LastNs));
        }
        return groups;
    }

    private static bool IsGroup(Tally t) =>
        t.Sources.Count >= 2 && t.CallIds.Count >= MinAttemptsPerSource * t.Sources.Count && PasswordGuessing.IsBurst(t.CallIds.Count, t.LastNs - t.FirstNs);

    // A client in two guessing groups (it tried two users, or one user within a spray) is told with the larger.
    private static void Join(Dictionary<PathProblem, GuessingGroup> groups, Tally tally, GuessingGroup group)
    {
        foreach (var p in tally.Clients)
            if (!groups.TryGetValue(p, out var other) || other.Attempts < group.Attempts) groups[p] = group;
    }

    // Numeric extensions first, in numeric order (2001 before 10001), then the other names in ordinal order.
    private static int CompareUsers(string a, string b)
    {
        bool na = IsNumber(a), nb = IsNumber(b);
        if (na != nb) return na ? -1 : 1;
        int byLength = na ? a.Length.CompareTo(b.Length) : 0;
        return byLength != 0 ? byLength : string.CompareOrdinal(a, b);
    }

    private static bool IsNumber(string s) => s.Length > 0 && !s.StartsWith('0') && s.All(char.IsAsciiDigit);

    private sealed class Tally
    {
        public readonly HashSet<string> CallIds = new(StringComparer.Ordinal);
        public readonly HashSet<NetAddress> Sources = new();
        public readonly HashSet<PathProblem> Clients = new();
        public long FirstNs = long.MaxValue, LastNs = long.MinValue;

        public void Add(PathProblem p, Registration r)
        {
            CallIds.Add(r.CallId);
            Clients.Add(p);
            var first = r.TransactionAt(0);
            if (first.Requests.Count > 0) Sources.Add(first.Requests[0].Meta.SourceIp);
            FirstNs = Math.Min(FirstNs, first.FirstRequestNs);
            LastNs = Math.Max(LastNs, r.TransactionAt(r.TransactionCount - 1).LastMessageNs);
        }

        public void Merge(Tally other)
        {
            CallIds.UnionWith(other.CallIds);
            Sources.UnionWith(other.Sources);
            Clients.UnionWith(other.Clients);
            FirstNs = Math.Min(FirstNs, other.FirstNs);
            LastNs = Math.Max(LastNs, other.LastNs);
        }
    }
}
