using System.Text.RegularExpressions;
using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Scale;

/// <summary>
/// <c>tests/scale/slurm.sh</c> on a real one-node Slurm cluster (slurmctld, slurmd and munged started by the
/// script): three shards of a 19-job batch as a job array, one of them cancelled with scancel and resubmitted,
/// merged, and compared file by file with an unsharded run. The script holds the comparisons; this test holds
/// it to its result and to the size of the batch it ran. It needs root (slurmd runs the jobs), as CI runs.
/// </summary>
public class SlurmArrayTests
{
    [Fact]
    public void Three_shards_on_a_slurm_array_with_one_cancelled_and_resubmitted_equal_the_unsharded_run()
    {
        var script = Path.Combine(Fixtures.RepositoryRoot, "tests", "scale", "slurm.sh");
        var run = PcapsipCli.Run("bash", [script, PcapsipCli.Dll], TimeSpan.FromSeconds(300));

        Assert.True(run.ExitCode == 0, $"slurm.sh exited {run.ExitCode}:\n{run.Error}");
        var pass = Regex.Match(run.Error, @"PASS: 3 shards over (\d+) inputs \((\d+) jobs, (\d+) findings, (\d+) Parquet partitions\).*interrupted after (\d+)/(\d+) jobs");
        Assert.True(pass.Success, run.Error);
        int Number(int group) => int.Parse(pass.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Number(1) >= 20, $"{Number(1)} inputs");
        // Every lab scenario is a job, plus the two ring buffers.
        int scenarios = Directory.GetDirectories(Path.Combine(Fixtures.Directory, "lab")).Length;
        Assert.Equal(scenarios + 2, Number(2));
        Assert.True(Number(3) > 0);
        Assert.True(Number(5) < Number(6), "the cancelled shard had finished all its jobs: nothing was resumed");
    }
}
