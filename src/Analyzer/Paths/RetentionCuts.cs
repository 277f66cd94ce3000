namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Which of a capture point's lists the report stopped keeping at their caps: what the path findings count from a cut
/// list (a guesser's attempts, a toll fraudster's calls) is a lower bound, and their words say so.
/// </summary>
/// <param name="Registrations">Registrations were not kept past the cap (<c>sip-registrations-not-retained</c>).</param>
/// <param name="Transactions">Transactions were not kept past the cap (<c>sip-transactions-not-retained</c>).</param>
public readonly record struct RetentionCuts(bool Registrations, bool Transactions);
