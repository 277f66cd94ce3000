using System.Globalization;
using System.Text.RegularExpressions;

namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (0-based), as a Kubernetes Indexed Job or a Slurm array
/// numbers its tasks. Each shard writes its summary under its own names, so shards running at the same moment
/// into one output folder never write the same file.
/// </summary>
public readonly partial record struct BatchShard(int Index, int Count)
{
    /// <summary>"i/N" with 0 &lt;= i &lt; N, or null.</summary>
    public static BatchShard? Parse(string? text)
    {
        var parts = text?.Split('/');
        if (parts is not { Length: 2 }) return null;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return null;
        return n > 0 && i < n ? new BatchShard(i, n) : null;
    }

    /// <summary>The summary of a whole batch (an unsharded run, or the merge of all shards).</summary>
    public static readonly string[] WholeSummaryFiles = ["summary.csv", "summary.json", "findings.jsonl"];

    /// <summary>This shard's summary CSV, summary JSON and findings JSON Lines.</summary>
    public string[] SummaryFiles =>
        [$"summary.{Tag}.csv", $"summary.{Tag}.json", $"findings.{Tag}.jsonl"];

    /// <summary>The name of this shard's summary JSON, the file whose presence says the shard has finished.</summary>
    public string SummaryJson => SummaryFiles[1];

    private string Tag => string.Create(CultureInfo.InvariantCulture, $"shard-{Index}-of-{Count}");

    /// <summary>The shard whose summary JSON <paramref name="fileName"/> is, or null for any other file.</summary>
    public static BatchShard? OfSummaryJson(string fileName)
    {
        var match = SummaryJsonName().Match(fileName);
        if (!match.Success) return null;
        return Parse(match.Groups[1].Value + "/" + match.Groups[2].Value);
    }

    [GeneratedRegex(@"^summary\.shard-(\d{1,6})-of-(\d{1,6})\.json$")]
    private static partial Regex SummaryJsonName();
}
