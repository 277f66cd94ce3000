using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>
/// Reading allocates per read of the pipe and per interface, never per packet: ten times the packets must
/// not cost more than a byte per extra packet.
/// </summary>
public sealed class CaptureReaderAllocationTests
{
    [Theory]
    [InlineData("pcap")]
    [InlineData("pcap-ns")]
    [InlineData("pcapng")]
    public void Reading_allocates_nothing_per_packet(string format)
    {
        byte[] small = Make(format, 10_000);
        byte[] large = Make(format, 100_000);
        Allocated(small); // warm up: JIT, pools

        long smallBytes = Allocated(small);
        // The least of three reads: a buffer the shared pool did not have at hand (another test on another core held
        // it) is one allocation of a megabyte once in a while, not a cost per packet, which every read would show.
        long largeBytes = Enumerable.Range(0, 3).Min(_ => Allocated(large));

        Assert.True(largeBytes - smallBytes < 90_000,
            $"{format}: 10k packets allocated {smallBytes} bytes, 100k allocated {largeBytes}: grows with packets");
    }

    private static byte[] Make(string format, int packets) => format switch
    {
        "pcap" => SyntheticCapture.Pcap(packets),
        "pcap-ns" => SyntheticCapture.Pcap(packets, nanosecond: true),
        _ => SyntheticCapture.Pcapng(packets),
    };

    private static long Allocated(byte[] capture)
    {
        var sink = new CountingSink();
        var stream = new MemoryStream(capture, writable: false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = new CaptureReader(stream).ReadAsync(sink);
        // A MemoryStream completes every read synchronously, so the whole read ran on this thread.
        Assert.True(read.IsCompleted);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(sink.Packets, read.Result.Packets);
        Assert.True(sink.Packets > 0);
        return after - before;
    }

    /// <summary>A sink that touches each packet and keeps nothing.</summary>
    private sealed class CountingSink : IPacketSink
    {
        public long Packets;
        public long Bytes;

        public void OnPacket(in CapturedPacket packet)
        {
            Packets++;
            Bytes += packet.Data.Length + packet.Data[^1];
        }

        public void OnInterface(CaptureInterface captureInterface)
        {
        }
    }
}
