namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Password guesses for one user at one registrar, made from several addresses together (see
/// <see cref="DistributedGuessing"/>): how many addresses, how many attempts, over what time.
/// </summary>
internal sealed record GuessingGroup(string User, string Server, int Sources, int Attempts, long FirstNs, long LastNs)
{
    public long SpanNs => Math.Max(0, LastNs - FirstNs);
}
