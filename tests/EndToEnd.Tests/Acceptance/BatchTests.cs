using System.Diagnostics;
using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Issue 7, <c>pcapsip batch</c> as a scheduler runs it (the real command, as a process): a ring-buffer set
/// gives the findings of the whole file; <c>--jobs 2</c> over a directory gives what one <c>analyze</c> per file
/// gives; a rerun skips finished jobs; two shards cover every job exactly once.
/// </summary>
public class BatchTests
{
    private static readonly string[] Scenarios = ["wrong-gateway-drop", "auth-answer-lost", "no-route", "genuine-wrong-password"];

    // The files of a ring-buffer set are one capture point: ARP, routers and handshakes learnt in one file
    // still hold in the next, so the findings (frames aside) equal those of the whole file.
    [Fact]
    public void A_ring_buffer_set_gives_the_findings_of_the_whole_file()
    {
        string whole = LabScenario.Load("wrong-gateway-drop").PbxUplink;
        using var folder = new TempFolder();
        string ring = Directory.CreateDirectory(folder.File("ring")).FullName;
        // editcap -c 10 names the files ring_00000_YYYYMMDDhhmmss.pcap, ring_00001_…, as dumpcap names a ring buffer.
        var split = Process.Start(new ProcessStartInfo("editcap", ["-c", "10", whole, Path.Combine(ring, "ring.pcap")]) { RedirectStandardError = true })!;
        split.WaitForExit();
        Assert.Equal(0, split.ExitCode);
        var files = Directory.GetFiles(ring).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 3, $"editcap made {files.Count} files");
        Assert.All(files, f => Assert.Matches(@"ring_\d{5}_\d{14}\.pcap$", f));

        PcapsipCli.Run("batch", ring, "--out", folder.File("out"), "--no-resume").Succeeded();
        using var batch = JsonDocument.Parse(File.ReadAllBytes(folder.File("out/ring/report.json")));
        using var analyze = JsonDocument.Parse(PcapsipCli.Run("analyze", whole, "--json", "-", "--no-progress").Succeeded().Output);

        // Frames are numbered per file in the set: file i's frame n is frame (packets before file i) + n of the whole.
        var offsets = new List<long> { 0 };
        foreach (var capture in batch.RootElement.GetProperty("captures").EnumerateArray())
            offsets.Add(offsets[^1] + capture.GetProperty("packets").GetInt64());
        Assert.Equal(files.Count, batch.RootElement.GetProperty("captures").GetArrayLength());

        var fromRing = FindingsJsonShape.Of(batch.RootElement);
        var fromWhole = FindingsJsonShape.Of(analyze.RootElement);
        Assert.NotEmpty(fromWhole);
        Assert.Equal(fromWhole.Select(FindingsJsonShape.Key), fromRing.Select(FindingsJsonShape.Key));
        for (int i = 0; i < fromWhole.Count; i++)
        {
            var wholeFrames = fromWhole[i].GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("frame").GetInt64());
            var ringFrames = fromRing[i].GetProperty("frames").EnumerateArray()
                .Select(f => offsets[f.GetProperty("capture").GetInt32()] + f.GetProperty("frame").GetInt64());
            Assert.Equal(wholeFrames, ringFrames);
        }
    }

    [Fact]
    public void Two_jobs_at_a_time_give_what_analyze_gives_per_file_and_a_rerun_skips_them()
    {
        using var folder = new TempFolder();
        string inputs = Directory.CreateDirectory(folder.File("in")).FullName;
        foreach (var name in Scenarios)
            File.Copy(LabScenario.Load(name).PbxUplink, Path.Combine(inputs, name + ".pcap"));
        string output = folder.File("out");

        PcapsipCli.Run("batch", inputs, "--out", output, "--jobs", "2").Succeeded();
        var first = Summary(output);
        Assert.Equal(Scenarios.Select(s => s + ".pcap").Order(StringComparer.Ordinal), first.Keys);
        Assert.All(first.Values, status => Assert.Equal("done", status));
        foreach (var name in Scenarios)
        {
            using var job = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, name + ".pcap", "report.json")));
            using var alone = JsonDocument.Parse(PcapsipCli.Run("analyze", Path.Combine(inputs, name + ".pcap"), "--json", "-", "--no-progress").Succeeded().Output);
            var expected = FindingsJsonShape.Of(alone.RootElement);
            var actual = FindingsJsonShape.Of(job.RootElement);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
                Assert.True(FindingsJsonShape.Same(expected[i], actual[i]), $"{name}: finding {i + 1} differs:\n{expected[i]}\n{actual[i]}");
        }

        var reportTime = File.GetLastWriteTimeUtc(Path.Combine(output, Scenarios[0] + ".pcap", "report.json"));
        PcapsipCli.Run("batch", inputs, "--out", output, "--jobs", "2").Succeeded();
        Assert.All(Summary(output).Values, status => Assert.Equal("skipped", status));
        Assert.Equal(reportTime, File.GetLastWriteTimeUtc(Path.Combine(output, Scenarios[0] + ".pcap", "report.json")));
    }

    [Fact]
    public void Two_shards_together_cover_every_job_exactly_once()
    {
        using var folder = new TempFolder();
        string inputs = Directory.CreateDirectory(folder.File("in")).FullName;
        foreach (var name in LabScenario.Names())
            File.Copy(LabScenario.Load(name).PbxUplink, Path.Combine(inputs, name + ".pcap"));

        PcapsipCli.Run("batch", inputs, "--out", folder.File("shard0"), "--shard", "0/2").Succeeded();
        PcapsipCli.Run("batch", inputs, "--out", folder.File("shard1"), "--shard", "1/2").Succeeded();
        // Each shard writes its own summary (summary.shard-i-of-N.json), so shards can share one folder.
        var shard0 = Summary(folder.File("shard0"), "summary.shard-0-of-2.json").Keys.ToList();
        var shard1 = Summary(folder.File("shard1"), "summary.shard-1-of-2.json").Keys.ToList();

        Assert.NotEmpty(shard0);
        Assert.NotEmpty(shard1);
        Assert.Empty(shard0.Intersect(shard1));
        Assert.Equal(LabScenario.Names().Select(n => n + ".pcap").Order(StringComparer.Ordinal), shard0.Concat(shard1).Order(StringComparer.Ordinal));
        foreach (var job in shard0) Assert.True(File.Exists(Path.Combine(folder.File("shard0"), job, "report.json")), job);
        foreach (var job in shard1) Assert.True(File.Exists(Path.Combine(folder.File("shard1"), job, "report.json")), job);
    }

    // summary.json: job → status, sorted by job name.
    private static SortedDictionary<string, string> Summary(string output, string name = "summary.json")
    {
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, name)));
        var jobs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var job in summary.RootElement.GetProperty("jobs").EnumerateArray())
            jobs.Add(job.GetProperty("job").GetString()!, job.GetProperty("status").GetString()!);
        return jobs;
    }

    // A missing or non-capture input fails its job with the reason, leaves no completion marker (so the next run
    // tries it again rather than skipping it for good) and makes the run exit 66 (missing) or 65 (not a capture).
    [Fact]
    public void Failed_inputs_are_failed_retried_and_set_the_exit_code()
    {
        using var folder = new TempFolder();
        File.Copy(LabScenario.Load("healthy").PbxUplink, folder.File("good.pcap"));
        File.WriteAllText(folder.File("text.pcap"), "not a capture\n");
        string output = folder.File("out");

        var first = PcapsipCli.Run("batch", folder.File("good.pcap"), folder.File("text.pcap"), folder.File("gone.pcap"), "--out", output);
        Assert.Equal(66, first.ExitCode);
        Assert.Equal("", first.Output);
        var status = Statuses(output);
        Assert.Equal("done", status["good.pcap"].Status);
        Assert.Equal("failed", status["text.pcap"].Status);
        Assert.Equal("failed", status["gone.pcap"].Status);
        Assert.Contains("not a pcap", status["text.pcap"].Problems);
        Assert.Contains("gone.pcap", status["gone.pcap"].Problems);

        var second = PcapsipCli.Run("batch", folder.File("good.pcap"), folder.File("text.pcap"), "--out", output);
        Assert.Equal(65, second.ExitCode);
        status = Statuses(output);
        Assert.Equal("skipped", status["good.pcap"].Status);
        Assert.Equal("failed", status["text.pcap"].Status);
    }

    private static Dictionary<string, (string Status, string Problems)> Statuses(string output)
    {
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "summary.json")));
        return summary.RootElement.GetProperty("jobs").EnumerateArray().ToDictionary(
            j => j.GetProperty("job").GetString()!,
            j => (j.GetProperty("status").GetString()!, j.GetProperty("input_problems").GetString() ?? ""));
    }
}
