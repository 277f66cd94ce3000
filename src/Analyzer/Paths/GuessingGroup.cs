namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Password guesses at one registrar made from several addresses together (see <see cref="DistributedGuessing"/>): for
/// one user, or sprayed over several; how many addresses, how many attempts, over what time.
/// </summary>
/// <param name="User">The user tried, when there is one; null for guesses sprayed over several users.</param>
/// <param name="Users">How many users were tried (1 with <paramref name="User"/>).</param>
/// <param name="UserSample">The users tried, in order, at most <see cref="DistributedGuessing.MaxUsersNamed"/> of them.</param>
internal sealed record GuessingGroup(string? User, int Users, IReadOnlyList<string> UserSample, string Server, int Sources, int Attempts,
    long FirstNs, long LastNs)
{
    public long SpanNs => Math.Max(0, LastNs - FirstNs);
}
