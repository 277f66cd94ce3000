using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Runs the real pcapsip CLI (pcapsip.dll, copied next to the tests by the project reference) as a child
/// process with a time limit, and samples its peak resident memory (VmHWM) from /proc while it runs.
/// </summary>
public static class PcapsipProcess
{
    /// <summary>Per-run limit: a damaged capture of a few hundred KB must never take longer.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private const int SigInt = 2;
    private const int SigStop = 19;
    private const int SigCont = 18;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "pcapsip.dll");

    public static PcapsipRun Run(params string[] args) => Run(DefaultTimeout, null, args);

    public static PcapsipRun Run(TimeSpan timeout, params string[] args) => Run(timeout, null, args);

    /// <summary>
    /// Runs pcapsip with <paramref name="args"/>. <paramref name="interact"/> (if given) gets the running child
    /// on a background thread, with its standard input still open (to feed it a capture, or send it SIGINT);
    /// without it, standard input is closed at once.
    /// </summary>
    public static PcapsipRun Run(TimeSpan timeout, Action<Process>? interact, params string[] args) => Run(timeout, interact, null, args);

    /// <summary>As above, with these environment variables set for the child.</summary>
    public static PcapsipRun Run(TimeSpan timeout, Action<Process>? interact, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        // Through env(1), which resets SIGINT to its default action: a child inherits an ignored SIGINT (tests run
        // from a script's `cmd &`, as some CI runners do), and a program started so is meant to keep ignoring it,
        // as pcapsip does. The child then starts as from an interactive shell, where Ctrl+C reaches it.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start env dotnet");
        if (interact is null)
            process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        // A thread of its own, sampling often: a run of half a second must not end before the first sample,
        // as it could when the sampler waited for a pool thread among parallel tests.
        var sampler = new Thread(() =>
        {
            while (!process.HasExited)
            {
                peak = Math.Max(peak, ReadHighWaterMarkKb(process.Id));
                Thread.Sleep(5);
            }
        }) { IsBackground = true, Name = "pcapsip RSS sampler" };
        sampler.Start();
        Task? action = interact is null ? null : Task.Run(() => interact(process));

        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
        }
        process.WaitForExit(); // drains the redirected streams
        sampler.Join();
        if (action is not null && !action.Wait(TimeSpan.FromSeconds(10)))
            throw new TimeoutException("the interaction with pcapsip did not finish");
        action?.GetAwaiter().GetResult(); // surfaces its assertion failures
        return new PcapsipRun(exited ? process.ExitCode : -1, stdout.Result, stderr.Result, peak, !exited, clock.Elapsed);
    }

    /// <summary>Sends SIGINT (what Ctrl+C sends) to a process.</summary>
    public static void Interrupt(int pid) => Signal(pid, SigInt);

    /// <summary>Sends a signal (2 = SIGINT, 15 = SIGTERM) to a process.</summary>
    public static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// Stops a process (SIGSTOP) and waits until it is stopped; false if it had already ended (gone, or a zombie not
    /// yet reaped), so that what is read of it while stopped holds until <see cref="Continue"/>.
    /// </summary>
    public static bool TryStop(int pid)
    {
        if (kill(pid, SigStop) != 0)
            return false;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            switch (State(pid))
            {
                case 'T' or 't': return true;
                case 'Z' or 'X' or '\0': return false;
            }
            Thread.Sleep(1);
        }
        return false;
    }

    /// <summary>Lets a stopped process go on (SIGCONT); nothing if it has ended.</summary>
    public static void Continue(int pid) => kill(pid, SigCont);

    // The state letter of /proc/PID/stat follows the command name in parentheses, which may hold any character.
    private static char State(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close >= 0 && close + 2 < stat.Length ? stat[close + 2] : '\0';
        }
        catch (IOException)
        {
            return '\0';
        }
    }

    /// <summary>Bytes a live process has read so far (rchar in /proc/PID/io; 0 once it is gone).</summary>
    public static long BytesRead(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/io"))
                if (line.StartsWith("rchar:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim());
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    /// <summary>VmHWM of a live process in kB (0 once it is gone).</summary>
    public static long ReadHighWaterMarkKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
