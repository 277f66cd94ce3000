using System.Runtime.CompilerServices;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// New arrays for tables that are probed before they are written: one of more than a few pages is written through
/// at once.
/// </summary>
/// <remarks>
/// A new array often gets fresh pages that the collector knows are zero and does not clear (always so on the
/// large-object heap). The first touch of such a page sets its cost: a read (a probe of an empty position, a look at
/// a slot's state) maps the kernel's shared zero page, and the write that follows must copy it and flush that mapping
/// from every CPU the process runs on, an interprocessor interrupt per page. On the 2-vCPU VM these flushes were
/// ~15 % of the CPU of a flood of one-segment TCP connections (the connection slots, the stream slots and their
/// index). Clearing the array first faults each page in by a write, which needs no flush.
/// </remarks>
internal static class WrittenArray
{
    // Past a few pages: the collector hands out fresh memory unwritten on the small-object heap too (only the header
    // is written), and below this the one or two pages are not worth a second pass.
    private const int MinBytes = 16 * 1024;

    public static T[] New<T>(int length)
    {
        var array = new T[length];
        if ((long)length * Unsafe.SizeOf<T>() >= MinBytes) array.AsSpan().Clear();
        return array;
    }

    /// <summary>A copy of <paramref name="array"/> at <paramref name="length"/> (at least its own), the rest default.</summary>
    public static T[] Grown<T>(T[] array, int length)
    {
        var bigger = New<T>(length);
        array.AsSpan().CopyTo(bigger);
        return bigger;
    }
}
