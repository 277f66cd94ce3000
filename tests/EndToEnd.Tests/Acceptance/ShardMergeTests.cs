using System.Text.Json;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// <c>batch --shard i/N</c> into one output folder, as an array of scheduler tasks runs it: shards started at the
/// same moment each write their own summary, the last one merges, and the merged summary, findings and Parquet
/// dataset equal those of one unsharded run. <c>--merge</c> again rewrites the same bytes.
/// </summary>
public class ShardMergeTests
{
    private static readonly string[] Scenarios = ["healthy", "wrong-gateway-drop", "no-route", "alg", "one-way-audio"];

    [Fact]
    public async Task Three_shards_started_together_merge_into_the_unsharded_result()
    {
        using var folder = new TempFolder();
        string inputs = Inputs(folder);
        string sharded = folder.File("sharded"), whole = folder.File("whole");

        var shards = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
            PcapsipCli.Run("batch", inputs, "--out", sharded, "--parquet", "--shard", $"{i}/3"))).ToArray();
        foreach (var shard in await Task.WhenAll(shards)) shard.Succeeded();
        PcapsipCli.Run("batch", inputs, "--out", whole, "--parquet").Succeeded();

        // Each shard's summary holds its own jobs only; together they hold every job once.
        var perShard = Enumerable.Range(0, 3).Select(i => SummaryRows(Path.Combine(sharded, $"summary.shard-{i}-of-3.json")).Keys).ToList();
        Assert.All(perShard, Assert.NotEmpty);
        Assert.Equal(SummaryRows(Path.Combine(whole, "summary.json")).Keys, perShard.SelectMany(k => k).Order(StringComparer.Ordinal));

        Assert.Equal(SummaryRows(Path.Combine(whole, "summary.json")), SummaryRows(Path.Combine(sharded, "summary.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "findings.jsonl")), File.ReadAllText(Path.Combine(sharded, "findings.jsonl")));
        var dataset = Dataset(sharded);
        Assert.Contains("findings/job=wrong-gateway-drop/part.parquet", dataset.Keys);
        Assert.Equal(Dataset(whole), dataset);

        var merged = Snapshot(sharded);
        PcapsipCli.Run("batch", "--merge", sharded).Succeeded();
        Assert.Equal(merged, Snapshot(sharded));
    }

    [Fact]
    public void Merge_with_a_shard_missing_writes_nothing_and_names_it()
    {
        using var folder = new TempFolder();
        string inputs = Inputs(folder);
        string sharded = folder.File("sharded");
        PcapsipCli.Run("batch", inputs, "--out", sharded, "--shard", "0/3").Succeeded();
        PcapsipCli.Run("batch", inputs, "--out", sharded, "--shard", "2/3").Succeeded();

        var run = PcapsipCli.Run("batch", "--merge", sharded);
        Assert.Equal(66, run.ExitCode);
        Assert.Contains("summary.shard-1-of-3.json", run.Error);
        Assert.False(File.Exists(Path.Combine(sharded, "summary.json")));
        Assert.False(File.Exists(Path.Combine(sharded, "findings.jsonl")));
    }

    private static string Inputs(TempFolder folder)
    {
        string inputs = Directory.CreateDirectory(folder.File("in")).FullName;
        foreach (var name in Scenarios)
        {
            var lab = LabScenario.Load(name);
            File.Copy(lab.PbxUplink, Path.Combine(inputs, name + "@pbx-uplink.pcap"));
            if (lab.Router1 is { } router) File.Copy(router, Path.Combine(inputs, name + "@router1.pcapng"));
        }
        return inputs;
    }

    // job → the summary row without what differs between runs of the same jobs (time taken, output folder).
    private static SortedDictionary<string, string> SummaryRows(string path)
    {
        using var summary = JsonDocument.Parse(File.ReadAllBytes(path));
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var job in summary.RootElement.GetProperty("jobs").EnumerateArray())
            rows.Add(job.GetProperty("job").GetString()!, string.Join('|', job.EnumerateObject()
                .Where(p => p.Name is not ("seconds" or "output_directory")).Select(p => $"{p.Name}={p.Value}")));
        return rows;
    }

    // The dataset's files (relative path → bytes as hex): a job's tables are copied, so equal jobs give equal files.
    private static SortedDictionary<string, string> Dataset(string output)
    {
        var root = Path.Combine(output, "parquet");
        return new SortedDictionary<string, string>(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(File.ReadAllBytes(f))), StringComparer.Ordinal);
    }

    private static SortedDictionary<string, string> Snapshot(string output)
    {
        var files = new SortedDictionary<string, string>(Dataset(output), StringComparer.Ordinal);
        foreach (var name in new[] { "summary.csv", "summary.json", "findings.jsonl" })
            files.Add(name, File.ReadAllText(Path.Combine(output, name)));
        return files;
    }
}
