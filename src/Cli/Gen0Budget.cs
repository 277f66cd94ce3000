using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using PcapSipAnalyzer.Analyzer.Points;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// A large capture is analysed with a 64 MiB allocation budget for the collector's youngest generation instead of
/// the runtime's default of about 13 MiB on this kind of machine. A SIP request's state (its transaction, the copy
/// of each message, its registration) lives as long as the engine's scan-like queue or timer keeps it — a few
/// thousand requests, a few MB — and dies then: with the small budget a collection came every 13 MB of allocation
/// and copied those few MB of young survivors each time (71 collections for a 400 MB REGISTER scan, all of them
/// gen1); with 64 MiB there are 23 and their pauses 0.49 → 0.28 s. CPU, medians of nine alternated runs: the
/// answered 500 k-request REGISTER scan 5.46 → 4.97 s, 500 k Call-IDs 2.92 → 2.75 s, 250 k Call-IDs over 1 024
/// interfaces 2.12 → 2.08 s, the 200 MB VoIP mix 0.80 → 0.84 s (the second runtime start, not won back by a capture
/// that allocates little); peak RSS +20–50 MiB.
/// </summary>
/// <remarks>
/// The runtime reads this budget only from the environment (DOTNET_GCgen0size; runtimeconfig.json has no key for
/// it, measured: the collection count did not move), and only when it starts. So a run whose inputs are large
/// replaces its own process image once (execve of /proc/self/exe with the same arguments and the variable added):
/// the PID, the open standard streams and the parent's view of the process stay the same, and the exit code is the
/// new image's. It costs one more runtime start (~38 ms of CPU and wall), which is why small inputs never do it. Linux only;
/// not when the variable is already set (the user's choice stands), nor under a diagnostics tool (dotnet-trace's
/// port would see a second runtime); <c>PCAPSIP_GEN0_RELAUNCH_BYTES</c> sets the input size from which it happens,
/// <c>off</c> never.
/// </remarks>
internal static class Gen0Budget
{
    private const string Variable = "DOTNET_GCgen0size";
    private const string LegacyVariable = "COMPlus_GCgen0size";
    /// <summary>Set in the new image, so it never restarts again and <c>--timings</c> can say why the budget is larger.</summary>
    private const string Marker = "PCAPSIP_GEN0_RELAUNCHED";
    private const string ThresholdVariable = "PCAPSIP_GEN0_RELAUNCH_BYTES";
    /// <summary>64 MiB, in the runtime's notation for this variable (hexadecimal).</summary>
    private const string Budget = "4000000";
    /// <summary>
    /// Below this many bytes of input a second runtime start (~38 ms) may cost more than the fewer collections save:
    /// a capture that allocates little (a dialog's 100 k in-dialog ACKs, 89 MB, 170 MB allocated) ran 7 % slower
    /// restarted, while a REGISTER scan allocates about twice its size. From 256 MiB a run takes a second or more, so
    /// the start is at most a few per cent of the lightest one.
    /// </summary>
    private const long DefaultThresholdBytes = 256L << 20;

    /// <summary>True in a process that restarted itself with the larger budget (the marker and the budget both set).</summary>
    public static bool Raised =>
        Environment.GetEnvironmentVariable(Marker) == "1" && Environment.GetEnvironmentVariable(Variable) == Budget;

    /// <summary>
    /// When the inputs together reach the threshold, restarts the process with the larger budget (does not return).
    /// Call before anything is written or created and before the SIGINT/SIGTERM handlers are registered: the new
    /// image starts over, and until it registers its own a signal ends the process by its default action, as it
    /// does while any run starts (a handler of this image could take a signal that the restart then loses).
    /// Nothing here touches the console, whose first use may set up the terminal. Returns when nothing is to be
    /// done or the restart failed (the run goes on with the default budget).
    /// </summary>
    public static void RaiseForLargeInputs(IEnumerable<string> inputPaths)
    {
        // A speed-up only: whatever goes wrong on the way (a directory of a batch removed while it is walked, a
        // /proc that cannot be read) leaves the run to go on as it would have, never ends it.
        try
        {
            Raise(inputPaths);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
                                      or InvalidOperationException or System.Security.SecurityException)
        {
        }
    }

    private static void Raise(IEnumerable<string> inputPaths)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Marker) is not null) return;
        if (Environment.GetEnvironmentVariable(Variable) is not null || Environment.GetEnvironmentVariable(LegacyVariable) is not null) return;
        if (Environment.GetEnvironmentVariable("DOTNET_DiagnosticPorts") is not null) return;
        if (Threshold() is not long threshold || TotalBytes(inputPaths, threshold) < threshold) return;
        // Both as the kernel holds them, byte for byte (each item NUL-terminated): a file name or a variable need
        // not be valid UTF-8, and a decoded and re-encoded one would name another file. cmdline holds the arguments
        // this process was started with (the runtime's own view drops the host's): "pcapsip analyze …" for the
        // apphost, "dotnet pcapsip.dll analyze …" under the muxer; environ the environment it was started with (the
        // runtime sets no variable of its own). A read that fails is caught above: no restart.
        if (File.ReadAllBytes("/proc/self/cmdline") is not { Length: > 0 } argv) return;
        byte[] environ = File.ReadAllBytes("/proc/self/environ");
        string added = (environ is [.., not 0] ? "\0" : "") + $"{Variable}={Budget}\0{Marker}=1\0";
        byte[] environment = [.. environ, .. Encoding.ASCII.GetBytes(added)];
        Exec("/proc/self/exe", argv, environment);
    }

    /// <summary>
    /// The capture files a parsed command line names: analyze's files, -r and --point files; batch's files and
    /// the files under its directories (a glob or a manifest is left to the batch: no restart for it). Read
    /// lazily, as far as the threshold; an error on the way is caught by <see cref="RaiseForLargeInputs"/>.
    /// </summary>
    public static IEnumerable<string> InputPaths(ParseResult parse)
    {
        switch (parse.CommandResult.Command.Name)
        {
            case AnalyzeCommand.Name:
                foreach (var path in parse.GetValue<string[]>(AnalyzeCommand.FilesName) ?? []) yield return path;
                foreach (var path in parse.GetValue<string[]>(SelectionOptions.ReadName) ?? []) yield return path;
                foreach (var text in parse.GetValue<string[]>(AnalyzeCommand.PointName) ?? [])
                    if (PointSpec.TryParse(text, out var spec, out _)) yield return spec!.Path;
                break;
            case BatchCommand.Name:
                foreach (var path in parse.GetValue<string[]>(BatchCommand.PathsName) ?? [])
                {
                    if (!Directory.Exists(path))
                    {
                        yield return path;
                        continue;
                    }
                    foreach (var file in Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
                        yield return file;
                }
                break;
        }
    }

    private static long? Threshold()
    {
        string? text = Environment.GetEnvironmentVariable(ThresholdVariable);
        if (string.IsNullOrEmpty(text)) return DefaultThresholdBytes;
        return long.TryParse(text, out long bytes) && bytes >= 0 ? bytes : null; // "off" or anything else: never
    }

    // Stops adding once the threshold is reached: a batch may name many thousand files.
    private static long TotalBytes(IEnumerable<string> paths, long threshold)
    {
        long total = 0;
        foreach (string path in paths)
        {
            try
            {
                var info = new FileInfo(path);
                if (info.Exists) total += info.Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // Not readable as a file here: the analysis reports it.
            }
            if (total >= threshold) break;
        }
        return total;
    }

    private static void Exec(string path, byte[] argv, byte[] environment)
    {
        IntPtr args = Marshal.AllocHGlobal(argv.Length + 1), env = Marshal.AllocHGlobal(environment.Length + 1);
        try
        {
            execve(path, Pointers(argv, args), Pointers(environment, env));
            // Only a failure returns; the run goes on in this process.
        }
        finally
        {
            Marshal.FreeHGlobal(args);
            Marshal.FreeHGlobal(env);
        }
    }

    // The NUL-separated items copied to unmanaged memory at block, and a pointer to each in a list that ends with
    // a null pointer, as execve takes them. A NUL after the copy ends an unterminated last item.
    private static IntPtr[] Pointers(byte[] items, IntPtr block)
    {
        Marshal.Copy(items, 0, block, items.Length);
        Marshal.WriteByte(block, items.Length, 0);
        var pointers = new List<IntPtr>();
        for (int start = 0; start < items.Length;)
        {
            pointers.Add(block + start);
            int end = Array.IndexOf(items, (byte)0, start);
            start = end < 0 ? items.Length : end + 1;
        }
        pointers.Add(IntPtr.Zero);
        return [.. pointers];
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int execve([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr[] argv, IntPtr[] envp);
}
