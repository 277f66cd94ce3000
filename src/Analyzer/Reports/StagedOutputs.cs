namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The output files of one run, all or none: each is written to a temporary file beside its target
/// (<c>.NAME.PID.tmp</c>), and only <see cref="Commit"/> renames them over their targets, in the order they were
/// staged. Disposed without a commit — Ctrl+C, a full disk, any failure — it deletes every temporary file and
/// every folder it made, so a failed run leaves nothing that looks like a result. Devices and descriptors
/// (<c>/dev/stdout</c>, <c>/dev/null</c>) cannot be staged and are written in place at once.
/// </summary>
public sealed class StagedOutputs : IDisposable
{
    private readonly List<(string Temp, string Target)> _staged = new();
    private readonly List<string> _madeFolders = new();
    private readonly CancellationToken _cancellation;
    private bool _committed;

    /// <param name="cancellation">Checked before each file is staged and before the commit.</param>
    public StagedOutputs(CancellationToken cancellation = default) => _cancellation = cancellation;

    /// <summary>Makes <paramref name="directory"/> and any missing parents, to be removed again if the run fails.</summary>
    public void CreateDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        var missing = new List<string>();
        for (var d = full; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
            missing.Add(d);
        Directory.CreateDirectory(full);
        missing.Reverse();
        _madeFolders.AddRange(missing);
    }

    public void Write(string path, Action<Stream> write)
    {
        _cancellation.ThrowIfCancellationRequested();
        var full = Path.GetFullPath(path);
        if (AtomicFile.IsSpecial(full))
        {
            using var device = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            write(device);
            return;
        }
        var temp = Stage(full);
        using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
    }

    /// <summary>The same for a writer that streams asynchronously (e.g. an annotated capture).</summary>
    public async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        _cancellation.ThrowIfCancellationRequested();
        var full = Path.GetFullPath(path);
        if (AtomicFile.IsSpecial(full))
        {
            await using var device = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1 << 16, useAsync: false);
            await write(device).ConfigureAwait(false);
            return;
        }
        var temp = Stage(full);
        await using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false);
        await write(stream).ConfigureAwait(false);
    }

    /// <summary>Renames every staged file over its target. Past the last cancellation check it runs to the end:
    /// renames take microseconds, and an interrupt in between would leave a part of the set.</summary>
    public void Commit()
    {
        _cancellation.ThrowIfCancellationRequested();
        // A rename that fails leaves _committed false: Dispose then deletes the temporaries not yet renamed.
        foreach (var (temp, target) in _staged)
            File.Move(temp, target, overwrite: true);
        _committed = true;
        _staged.Clear();
    }

    public void Dispose()
    {
        if (_committed) return;
        foreach (var (temp, _) in _staged)
            AtomicFile.TryDelete(temp);
        _staged.Clear();
        for (int i = _madeFolders.Count - 1; i >= 0; i--)
        {
            try
            {
                Directory.Delete(_madeFolders[i]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not empty (someone else wrote there) or already gone: leave it.
            }
        }
        _madeFolders.Clear();
    }

    // The temporary file is registered before it exists, so a failure while creating it still deletes it.
    private string Stage(string full)
    {
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        _staged.Add((temp, full));
        return temp;
    }
}
