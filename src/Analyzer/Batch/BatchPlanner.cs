using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>
/// Turns the paths a user gives (files, directories searched recursively, globs) into jobs:
/// dumpcap ring-buffer sets become one job each (files in number order), files named
/// <c>JOB@POINT.ext</c> are the capture points of one job, a manifest groups points explicitly,
/// every other file is a job of its own. Jobs are sorted by name so shards are stable.
/// </summary>
public static class BatchPlanner
{
    private static readonly string[] CaptureExtensions =
        [".pcap", ".pcapng", ".cap", ".dmp", ".gz", ".pcap.gz", ".pcapng.gz", ".ntar"];

    public static List<BatchJob> Plan(IEnumerable<string> paths, string? manifestPath = null)
    {
        if (manifestPath is not null)
            return FromManifest(manifestPath);

        var files = OncePerFile(paths.SelectMany(Expand));
        var jobs = new List<BatchJob>();

        foreach (var ring in files.Select(f => (File: f, Name: RingBufferName.TryParse(f)))
                     .Where(x => x.Name is not null)
                     .GroupBy(x => (Path.GetDirectoryName(x.File), x.Name!.Prefix, x.Name.Extension)))
        {
            var ordered = ring.OrderBy(x => x.Name!.Number).ThenBy(x => x.Name!.Start).ToList();
            var point = ring.Key.Prefix;
            jobs.Add(new BatchJob { Name = point, Inputs = ordered.Select(x => new CaptureInput(x.File, point)).ToList() });
            foreach (var x in ordered) files.Remove(x.File);
        }

        foreach (var group in files.Where(f => Path.GetFileName(f).Contains('@'))
                     .GroupBy(f => (Path.GetDirectoryName(f), Path.GetFileName(f).Split('@')[0])).ToList())
        {
            jobs.Add(new BatchJob
            {
                Name = group.Key.Item2,
                Inputs = group.OrderBy(f => f, StringComparer.Ordinal)
                    .Select(f => new CaptureInput(f, CaptureInput.ForFile(f).PointName.Split('@', 2)[1])).ToList(),
            });
            foreach (var f in group) files.Remove(f);
        }

        jobs.AddRange(files.Select(f => new BatchJob { Name = Path.GetFileName(f), Inputs = [CaptureInput.ForFile(f)] }));
        return Deduplicate(jobs).OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The jobs of shard <paramref name="index"/> of <paramref name="count"/>: every job lands in exactly one shard.</summary>
    public static List<BatchJob> Shard(List<BatchJob> jobs, int index, int count) =>
        jobs.Where((_, i) => i % count == index).ToList();

    private static IEnumerable<string> Expand(string path)
    {
        if (Directory.Exists(path))
            return DirectoryWalk.Files(path, "*", recursive: true).Where(IsCaptureName).Order(StringComparer.Ordinal);
        if (path.IndexOfAny(['*', '?']) < 0)
            return [path];
        // A glob: the part before the first wildcard segment is the directory; "**" searches below it.
        var full = Path.GetFullPath(path);
        var segments = full.Split(Path.DirectorySeparatorChar);
        int first = Array.FindIndex(segments, s => s.IndexOfAny(['*', '?']) >= 0);
        var root = string.Join(Path.DirectorySeparatorChar, segments[..first]);
        if (root.Length == 0) root = "/";
        bool recursive = segments[first..].Contains("**");
        var pattern = segments[^1];
        return Directory.Exists(root) ? DirectoryWalk.Files(root, pattern, recursive).Order(StringComparer.Ordinal) : [];
    }

    /// <summary>
    /// Full paths, one per file however many names (links, the same file given twice or also found in a folder)
    /// lead to it: the first name seen is kept. Paths that name no file are kept, to be reported as missing.
    /// </summary>
    private static List<string> OncePerFile(IEnumerable<string> paths)
    {
        var identities = new HashSet<FileIdentity>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (FileIdentity.Of(full) is { } identity ? identities.Add(identity) : names.Add(full))
                files.Add(full);
        }
        return files;
    }

    private static bool IsCaptureName(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        return CaptureExtensions.Any(name.EndsWith) || RingBufferName.TryParse(path) is not null;
    }

    private static IEnumerable<BatchJob> Deduplicate(List<BatchJob> jobs)
    {
        // Two jobs with the same name (same file name in two folders) get the folder added, so outputs never collide.
        foreach (var group in jobs.GroupBy(j => j.Name, StringComparer.Ordinal))
        {
            if (group.Count() == 1)
            {
                yield return group.First();
                continue;
            }
            foreach (var job in group)
            {
                var folder = Path.GetFileName(Path.GetDirectoryName(job.Inputs[0].Path)) ?? "";
                yield return new BatchJob { Name = $"{folder}_{job.Name}_{Math.Abs(StableHash(job.Inputs[0].Path)) % 100000}", Inputs = job.Inputs };
            }
        }
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            int h = 17;
            foreach (var c in text) h = h * 31 + c;
            return h;
        }
    }

    private static List<BatchJob> FromManifest(string manifestPath)
    {
        // {"jobs": [{"name": "case1", "points": [{"name": "router1", "files": ["r1.pcapng"]}, …]}]}
        using var doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var jobs = new List<BatchJob>();
        foreach (var job in doc.RootElement.GetProperty("jobs").EnumerateArray())
        {
            var inputs = new List<CaptureInput>();
            foreach (var point in job.GetProperty("points").EnumerateArray())
            {
                var name = point.GetProperty("name").GetString()!;
                foreach (var file in point.GetProperty("files").EnumerateArray())
                    inputs.Add(new CaptureInput(Path.GetFullPath(Path.Combine(baseDir, file.GetString()!)), name));
            }
            jobs.Add(new BatchJob { Name = job.GetProperty("name").GetString()!, Inputs = inputs });
        }
        return jobs.OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
    }
}
