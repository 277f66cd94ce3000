namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>The one table of <see cref="MessageMatch"/> names the writers use.</summary>
public static class MessageMatches
{
    public static string WireName(MessageMatch match) => match switch
    {
        MessageMatch.Single => "single",
        MessageMatch.Exact => "exact",
        MessageMatch.Rewritten => "rewritten",
        MessageMatch.Time => "time",
        _ => throw new ArgumentOutOfRangeException(nameof(match), match, "a message match without a wire name"),
    };
}
