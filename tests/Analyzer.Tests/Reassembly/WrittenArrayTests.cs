using System.Runtime.InteropServices;
using PcapSipAnalyzer.Analyzer.Reassembly;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// The tables' new arrays: default-filled like any new array, and a large one already backed by written pages, so
/// that a table's first probe of a page does not map the shared zero page that its first insert must then replace.
/// </summary>
public class WrittenArrayTests
{
    private record struct Wide(long A, long B, int C);

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(200_000)] // 4.8 MB: the large-object heap
    public void NewIsDefaultFilledAtTheLengthAsked(int length)
    {
        var array = WrittenArray.New<Wide>(length);
        Assert.Equal(length, array.Length);
        Assert.True(array.AsSpan().IndexOfAnyExcept(default(Wide)) < 0);
    }

    [Fact]
    public void GrownKeepsTheOldEntriesInPlaceAndDefaultsTheRest()
    {
        var old = Enumerable.Range(1, 1_000).Select(i => new Wide(i, -i, i % 7)).ToArray();
        var grown = WrittenArray.Grown(old, 50_000);
        Assert.Equal(50_000, grown.Length);
        Assert.Equal(old, grown[..1_000]);
        Assert.True(grown.AsSpan(1_000).IndexOfAnyExcept(default(Wide)) < 0);
        Assert.NotSame(old, grown);
    }

    [Fact]
    public void LargeArrayIsBackedByMemoryAtOnce()
    {
        if (!OperatingSystem.IsLinux()) return; // mincore; the zero-page fault it guards against is the Linux kernel's
        const int Bytes = 16 << 20;
        var array = WrittenArray.New<byte>(Bytes);
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            long page = Environment.SystemPageSize;
            long start = handle.AddrOfPinnedObject();
            long first = (start + page - 1) / page * page;
            long length = (start + Bytes) / page * page - first;
            var resident = new byte[length / page];
            Assert.Equal(0, mincore((nint)first, (nuint)length, resident));
            // Without the write pass, fresh pages of a new large array are not there until touched.
            Assert.All(resident, r => Assert.Equal(1, r & 1));
        }
        finally
        {
            handle.Free();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mincore(nint address, nuint length, byte[] vector);
}
