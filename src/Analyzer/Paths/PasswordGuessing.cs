using System.Runtime.InteropServices;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Rejected registrations of one client that are a program guessing a password, not a phone with a wrong one: many
/// attempts, each under a Call-ID of its own, seconds apart. A phone keeps its Call-ID towards its registrar (RFC 3261
/// §10.2) and retries a refused password a few times a minute at most; svcrack and its kin start a new registration
/// for every guess, many a second. A device with many lines (an analog gateway, an ATA, a proxy for phones) registers
/// them all at once from one address, each line under a Call-ID of its own: a burst of users, not of guesses, told
/// apart by how often each user is tried again and by how many there are.
/// </summary>
internal static class PasswordGuessing
{
    /// <summary>Refused registrations, each a Call-ID of its own, that make a guesser.</summary>
    public const int MinAttempts = 20;
    /// <summary>The most time between one guess and the next, on average.</summary>
    private const long MaxMeanIntervalNs = 2_000_000_000;
    /// <summary>
    /// The most users one device registers (a 96-port analog gateway); one address trying more, each once, is sweeping
    /// extensions with a common password.
    /// </summary>
    public const int MaxDeviceLines = 99;
    /// <summary>A device tries a refused line again no sooner than this on average (a phone: a few times a minute at most).</summary>
    private const long MinDeviceRetryNs = 5_000_000_000;

    /// <summary>The attempts and their span when <paramref name="rejected"/> (one client's) are guesses; null when they are not.</summary>
    public static (int Attempts, long SpanNs)? Of(IReadOnlyList<Registration> rejected)
    {
        var (attempts, span) = Own(rejected);
        return IsBurst(attempts, span) && !AreDeviceLines(rejected) ? (attempts, span) : null;
    }

    /// <summary>
    /// Two users or more, at most <see cref="MaxDeviceLines"/>, none tried again under a new Call-ID faster than a device
    /// retries: a gateway's lines refused at its boot look like this, and so does nothing a guesser does fast, which
    /// tries each user many times a second or hundreds of users.
    /// </summary>
    internal static bool AreDeviceLines(IReadOnlyList<Registration> rejected)
    {
        var users = new Dictionary<string, UserAttempts>(StringComparer.Ordinal);
        foreach (var r in rejected)
        {
            if (r.TransactionCount == 0 || r.Username is null) continue;
            long first = r.TransactionAt(0).FirstRequestNs;
            ref var user = ref CollectionsMarshal.GetValueRefOrAddDefault(users, r.Username, out bool seen);
            if (!seen)
            {
                if (users.Count > MaxDeviceLines) return false;
                user = new UserAttempts { CallIds = new HashSet<string>(StringComparer.Ordinal), First = first, Last = first };
            }
            user.CallIds.Add(r.CallId);
            user.First = Math.Min(user.First, first);
            user.Last = Math.Max(user.Last, first);
        }
        if (users.Count < 2) return false;
        foreach (var user in users.Values)
            if (user.CallIds.Count > 1 && (user.Last - user.First) / (user.CallIds.Count - 1) < MinDeviceRetryNs) return false;
        return true;
    }

    // One user's refused registrations: its Call-IDs and when the first and the last began.
    private struct UserAttempts
    {
        public HashSet<string> CallIds;
        public long First, Last;
    }

    /// <summary>Attempts enough and fast enough to be a program's: at least <see cref="MinAttempts"/>, at most 2 s apart on average.</summary>
    public static bool IsBurst(int attempts, long spanNs) => attempts >= MinAttempts && spanNs / (attempts - 1) <= MaxMeanIntervalNs;

    /// <summary>The client's attempts (Call-IDs of their own) and their span, whatever their pace.</summary>
    public static (int Attempts, long SpanNs) Own(IReadOnlyList<Registration> rejected)
    {
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        long first = long.MaxValue, last = long.MinValue;
        foreach (var r in rejected)
        {
            // A guess is a password sent and refused: a REGISTER refused before any credentials (404 for an unknown
            // extension, as an enumeration gets) guessed nothing.
            if (r.TransactionCount == 0 || r.Username is null) continue;
            callIds.Add(r.CallId);
            first = Math.Min(first, r.TransactionAt(0).FirstRequestNs);
            last = Math.Max(last, r.TransactionAt(r.TransactionCount - 1).LastMessageNs);
        }
        return (callIds.Count, callIds.Count == 0 ? 0 : Math.Max(0, last - first));
    }
}
