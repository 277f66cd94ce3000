using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>Throw helpers: keep the per-record methods small and their messages one line with a position.</summary>
internal static class CaptureErrors
{
    [DoesNotReturn]
    [StackTraceHidden]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string what, long fileOffset, long recordNumber, string recordKind) =>
        throw new CaptureFormatException(
            $"{what} at offset {fileOffset} ({(recordNumber == 0 ? "file header" : $"{recordKind} {recordNumber}")})", fileOffset, recordNumber);

    /// <summary>The first bytes of a file, hex, for "not a capture" messages.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes[..Math.Min(bytes.Length, 8)]).ToLowerInvariant();
}
