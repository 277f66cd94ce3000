namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// The one table of <see cref="DigestVerdict"/> names that every report writer uses. A verdict that checked
/// nothing (no password known, a digest that cannot be recomputed) has no name: the reports leave it out rather
/// than print a non-answer beside "right" and "wrong".
/// </summary>
public static class DigestVerdicts
{
    public static string? WireName(DigestVerdict? verdict) => verdict switch
    {
        DigestVerdict.PasswordRight => "right",
        DigestVerdict.PasswordWrong => "wrong",
        null or DigestVerdict.NoPassword or DigestVerdict.CannotVerify => null,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "a digest verdict without a wire name"),
    };
}
