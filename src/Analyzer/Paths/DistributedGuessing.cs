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
/// </summary>
internal static class DistributedGuessing
{
    /// <summary>Registrations of their own per address, on average, that set guessers apart from phones.</summary>
    private const int MinAttemptsPerSource = 2;

    /// <summary>The group each client with refused registrations guesses in, for the clients of groups that are guessing.</summary>
    public static Dictionary<PathProblem, GuessingGroup> Find(IEnumerable<PathProblem> problems)
    {
        var byUser = new Dictionary<(string Server, string User), Tally>();
        foreach (var p in problems)
        {
            if (p.Kind != FindingKind.RegistrationRejected) continue;
            foreach (var r in p.Registrations)
            {
                if (r.TransactionCount == 0 || r.Username is null) continue; // no password sent, none guessed
                var key = (r.Server, r.Username);
                if (!byUser.TryGetValue(key, out var tally)) byUser[key] = tally = new Tally();
                tally.Add(p, r);
            }
        }
        var groups = new Dictionary<PathProblem, GuessingGroup>();
        foreach (var ((server, user), tally) in byUser)
        {
            int attempts = tally.CallIds.Count, sources = tally.Sources.Count;
            if (sources < 2 || attempts < MinAttemptsPerSource * sources || !PasswordGuessing.IsBurst(attempts, tally.LastNs - tally.FirstNs)) continue;
            var group = new GuessingGroup(user, server, sources, attempts, tally.FirstNs, tally.LastNs);
            // A client in two guessing groups (it tried two users) is told with the larger.
            foreach (var p in tally.Clients)
                if (!groups.TryGetValue(p, out var other) || other.Attempts < group.Attempts) groups[p] = group;
        }
        return groups;
    }

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
    }
}
