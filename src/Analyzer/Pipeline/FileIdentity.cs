using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Which file a path names, whatever the spelling: on Linux the device and inode (so a symbolic link, a hard
/// link, "./x/../x" and the target itself are one file), elsewhere the full path with links resolved. Outputs are
/// compared with inputs this way, because a path comparison let <c>--json</c> overwrite an input named through a
/// link; <c>batch</c> reads each file once this way, whatever links lead to it.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, string? ResolvedPath)
{
    /// <summary>The identity of the existing file or directory at <paramref name="path"/> (links followed), or null.</summary>
    public static FileIdentity? Of(string path)
    {
        if (path == "-") return null;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return Statx.Identify(path);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // A libc without statx (glibc before 2.28) or not found by that name: fall through to the path.
            }
        }
        try
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full) && !Directory.Exists(full)) return null;
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
            return new FileIdentity(0, 0, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first of <paramref name="outputs"/> that is the same file as one of <paramref name="inputs"/>, or null.
    /// An output that does not exist yet cannot be an input.
    /// </summary>
    public static string? FirstInputAmong(IEnumerable<string> outputs, IEnumerable<string> inputs)
    {
        var identities = inputs.Select(Of).OfType<FileIdentity>().ToHashSet();
        return identities.Count == 0 ? null : outputs.FirstOrDefault(o => Of(o) is { } id && identities.Contains(id));
    }

    /// <summary>statx(2): its buffer has one layout on every Linux architecture, unlike stat(2)'s.</summary>
    private static class Statx
    {
        private const int AtFdCwd = -100;
        private const uint StatxIno = 0x100;
        private const int BufferSize = 256;
        private const int InodeOffset = 32;
        private const int DeviceMajorOffset = 136;
        private const int DeviceMinorOffset = 140;

        public static FileIdentity? Identify(string path)
        {
            var buffer = new byte[BufferSize];
            if (statx(AtFdCwd, path, 0, StatxIno, buffer) != 0) return null;
            ulong inode = BitConverter.ToUInt64(buffer, InodeOffset);
            ulong device = ((ulong)BitConverter.ToUInt32(buffer, DeviceMajorOffset) << 32) | BitConverter.ToUInt32(buffer, DeviceMinorOffset);
            return new FileIdentity(device, inode, null);
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
    }
}
