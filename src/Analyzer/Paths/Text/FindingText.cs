namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of one finding: a one-sentence summary, the reasoning, and what the phone most likely shows.</summary>
internal readonly record struct FindingText(string Summary, string Explanation, string? ClientSymptom)
{
    /// <summary>"at least " for a count made from a list the report stopped keeping at its cap, else nothing.</summary>
    public static string AtLeast(bool cut) => cut ? "at least " : "";

    /// <summary>
    /// The same words, the explanation closed by saying its counts are of the <paramref name="items"/> kept (the rest are
    /// in state_evictions as <paramref name="table"/>); unchanged when nothing was <paramref name="cut"/>.
    /// </summary>
    public FindingText CountingKept(bool cut, string items, string table) => !cut ? this : this with
    {
        Explanation = Explanation + $" The capture held more {items} than the report keeps (the rest are counted in state_evictions, "
                      + $"{table}): these counts and this pace are of the ones kept.",
    };
}
