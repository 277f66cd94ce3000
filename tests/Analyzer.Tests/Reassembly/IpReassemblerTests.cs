using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

public class IpReassemblerTests
{
    private const long Second = 1_000_000_000L;

    /// <summary>A UDP datagram carrying a SIP-like text of <paramref name="length"/> bytes: its IP payload.</summary>
    private static byte[] Datagram(int length, char fill = 'x')
    {
        var text = ("INVITE sip:bob@pbx SIP/2.0\r\n" + new string(fill, length)).Substring(0, length);
        return Udp(5060, 5060, Ascii(text));
    }

    /// <summary>One IPv4 fragment of <paramref name="payload"/>: bytes [from, to).</summary>
    private static byte[] Fragment(byte[] payload, int from, int to, ushort id = 42, string source = "10.0.0.1") =>
        Ethernet(0x0800, Ipv4(17, source, "10.0.0.2", payload[from..to], id: id, fragmentOffset: from,
            moreFragments: to < payload.Length));

    private static byte[] Ipv6Fragment(byte[] payload, int from, int to, uint id) =>
        Ethernet(0x86DD, Ipv6(44, "2001:db8::1", "2001:db8::2",
            PcapSipAnalyzer.TestSupport.PacketBuilder.Ipv6Fragment(17, id, from, to < payload.Length, payload[from..to])));

    private sealed class Feeder(IpReassembler reassembler)
    {
        private DecodedFrame _frame;
        public byte[]? Completed;

        public FragmentResult Add(byte[] data, long timestampNs = 0)
        {
            FrameDecoder.Decode(LinkTypes.Ethernet, data, ref _frame);
            var result = reassembler.Add(_frame, data, timestampNs, out var datagram);
            if (result == FragmentResult.Complete)
                Completed = datagram.Payload.ToArray();
            return result;
        }
    }

    [Fact]
    public void OutOfOrderFragmentsComplete()
    {
        var payload = Datagram(3000);
        var reassembler = new IpReassembler();
        var feeder = new Feeder(reassembler);
        Assert.Equal(FragmentResult.Pending, feeder.Add(Fragment(payload, 2960, payload.Length)));
        Assert.Equal(FragmentResult.Pending, feeder.Add(Fragment(payload, 0, 1480)));
        Assert.Equal(FragmentResult.Complete, feeder.Add(Fragment(payload, 1480, 2960)));
        Assert.Equal(payload, feeder.Completed);
        Assert.Equal((3, 1L, 0), ((int)reassembler.Stats.Fragments, reassembler.Stats.Reassembled, reassembler.Stats.InFlight));
    }

    [Fact]
    public void DuplicateFragmentsAreCountedAndIgnored()
    {
        var payload = Datagram(2000);
        var reassembler = new IpReassembler();
        var feeder = new Feeder(reassembler);
        feeder.Add(Fragment(payload, 0, 1000));
        feeder.Add(Fragment(payload, 0, 1000));
        Assert.Equal(FragmentResult.Complete, feeder.Add(Fragment(payload, 1000, payload.Length)));
        Assert.Equal(payload, feeder.Completed);
        Assert.Equal(1, reassembler.Stats.DuplicateFragments);
        Assert.Equal(0, reassembler.Stats.OverlappingFragments);
    }

    [Fact]
    public void OverlapKeepsTheBytesThatArrivedFirst()
    {
        var first = Datagram(2400, 'a');
        var second = Datagram(2400, 'b');
        var reassembler = new IpReassembler();
        var feeder = new Feeder(reassembler);
        feeder.Add(Fragment(first, 0, 1200));
        feeder.Add(Fragment(second, 800, 1600));     // overlaps [800, 1200): 'a' stays
        Assert.Equal(FragmentResult.Complete, feeder.Add(Fragment(first, 1600, first.Length)));
        Assert.Equal(1, reassembler.Stats.OverlappingFragments);
        Assert.Equal(first[..1200], feeder.Completed![..1200]);
        Assert.Equal(second[1200..1600], feeder.Completed[1200..1600]);
    }

    [Fact]
    public void FragmentPastTheEndIsTrimmedAndCounted()
    {
        var payload = Datagram(1000);
        var longer = Datagram(1600);
        var reassembler = new IpReassembler();
        var feeder = new Feeder(reassembler);
        feeder.Add(Fragment(payload, 800, payload.Length));
        Assert.Equal(FragmentResult.Complete, feeder.Add(Fragment(longer, 0, 1200)));
        Assert.Equal(1, reassembler.Stats.FragmentsPastEnd);
        Assert.Equal(payload.Length, feeder.Completed!.Length);
    }

    [Fact]
    public void Ipv6FragmentsReassembleByIdentification()
    {
        var payload = Datagram(4000);
        var reassembler = new IpReassembler();
        var feeder = new Feeder(reassembler);
        feeder.Add(Ipv6Fragment(payload, 0, 1448, 7));
        feeder.Add(Ipv6Fragment(payload, 0, 1448, 8));           // another datagram, same addresses
        feeder.Add(Ipv6Fragment(payload, 2896, payload.Length, 7));
        Assert.Equal(FragmentResult.Complete, feeder.Add(Ipv6Fragment(payload, 1448, 2896, 7)));
        Assert.Equal(payload, feeder.Completed);
        Assert.Equal(1, reassembler.Stats.InFlight);
    }

    [Fact]
    public void IncompleteDatagramTimesOutInCaptureTime()
    {
        var payload = Datagram(3000);
        var reassembler = new IpReassembler(new IpReassemblyOptions { TimeoutNs = 30 * Second });
        var feeder = new Feeder(reassembler);
        feeder.Add(Fragment(payload, 0, 1480), 0);
        feeder.Add(Fragment(payload, 1480, 2960), 29 * Second);
        Assert.Equal(0, reassembler.Stats.EvictedTimeout);
        // 31 s after its first fragment the datagram is gone: the last fragment starts a new one.
        Assert.Equal(FragmentResult.Pending, feeder.Add(Fragment(payload, 2960, payload.Length), 31 * Second));
        Assert.Equal(1, reassembler.Stats.EvictedTimeout);
        Assert.Equal(1, reassembler.Stats.InFlight);
        reassembler.Flush();
        Assert.Equal((1L, 0, 0L), (reassembler.Stats.IncompleteAtEnd, reassembler.Stats.InFlight, reassembler.Stats.BytesInFlight));
    }

    [Fact]
    public void DatagramLimitEvictsTheOldest()
    {
        var payload = Datagram(3000);
        var reassembler = new IpReassembler(new IpReassemblyOptions { MaxDatagrams = 2 });
        var feeder = new Feeder(reassembler);
        feeder.Add(Fragment(payload, 0, 1480, id: 1));
        feeder.Add(Fragment(payload, 0, 1480, id: 2));
        feeder.Add(Fragment(payload, 0, 1480, id: 3)); // evicts id 1
        Assert.Equal(1, reassembler.Stats.EvictedDatagramLimit);
        Assert.Equal(2, reassembler.Stats.InFlight);
        feeder.Add(Fragment(payload, 1480, 2960, id: 2));
        Assert.Equal(FragmentResult.Complete, feeder.Add(Fragment(payload, 2960, payload.Length, id: 2)));
    }

    [Fact]
    public void MemoryLimitEvictsTheOldest()
    {
        var payload = Datagram(8000);
        var reassembler = new IpReassembler(new IpReassemblyOptions { MaxTotalBytes = 20_000 });
        var feeder = new Feeder(reassembler);
        for (ushort id = 1; id <= 4; id++)
            feeder.Add(Fragment(payload, 6000, payload.Length, id));  // each holds a ~8 KiB buffer
        Assert.True(reassembler.Stats.EvictedMemoryLimit >= 2);
        Assert.InRange(reassembler.Stats.BytesInFlight, 1, 20_000);
        Assert.InRange(reassembler.Stats.PeakBytesInFlight, 1, 20_000);
    }

    [Fact]
    public void DatagramBeyondTheSizeCapIsDropped()
    {
        var payload = Datagram(3000);
        var reassembler = new IpReassembler(new IpReassemblyOptions { MaxDatagramBytes = 2000 });
        var feeder = new Feeder(reassembler);
        Assert.Equal(FragmentResult.Pending, feeder.Add(Fragment(payload, 0, 1480)));
        Assert.Equal(FragmentResult.Dropped, feeder.Add(Fragment(payload, 1480, 2960)));
        Assert.Equal((1L, 0), (reassembler.Stats.DroppedTooLarge, reassembler.Stats.InFlight));
    }

    [Fact]
    public void SnaplenCutFragmentIsNotUsed()
    {
        var payload = Datagram(3000);
        var reassembler = new IpReassembler();
        var feeder = new Feeder(reassembler);
        Assert.Equal(FragmentResult.Dropped, feeder.Add(Fragment(payload, 0, 1480)[..200]));
        Assert.Equal(1, reassembler.Stats.TruncatedFragments);
    }

    [Fact]
    public void ConflictingLastFragmentsKeepTheFirstEnd()
    {
        var payload = Datagram(3000);
        var reassembler = new IpReassembler();
        var feeder = new Feeder(reassembler);
        feeder.Add(Fragment(payload, 1480, payload.Length));
        feeder.Add(Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", payload[1480..2000], id: 42, fragmentOffset: 1480)));
        Assert.Equal(1, reassembler.Stats.ConflictingEnds);
        Assert.Equal(FragmentResult.Complete, feeder.Add(Fragment(payload, 0, 1480)));
        Assert.Equal(payload.Length, feeder.Completed!.Length);
    }

    [Fact]
    public void ManyTinyPiecesAreBounded()
    {
        var payload = Datagram(6000);
        var reassembler = new IpReassembler();
        var feeder = new Feeder(reassembler);
        // Every other 8-byte piece: holes that never close.
        for (int from = 0; from < 2 * 8 * (PendingDatagram.MaxRanges + 2); from += 16)
            feeder.Add(Fragment(payload, from, from + 8));
        Assert.Equal(1, reassembler.Stats.DroppedTooManyPieces);
    }

    [Fact]
    public void NonFragmentsAreLeftAlone()
    {
        var reassembler = new IpReassembler();
        var feeder = new Feeder(reassembler);
        Assert.Equal(FragmentResult.NotFragment, feeder.Add(Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Datagram(100)))));
        Assert.Equal(0, reassembler.Stats.Fragments);
    }

    [Fact]
    public void NoAllocationPerFragmentOnceWarm()
    {
        var payload = Datagram(5000);
        var frames = new List<byte[]>();
        for (ushort id = 0; id < 50; id++)
        {
            // Interleaved datagrams, out of order, with a duplicate.
            frames.Add(Fragment(payload, 2960, 4440, id));
            frames.Add(Fragment(payload, 0, 1480, id));
            frames.Add(Fragment(payload, 4440, payload.Length, id));
            frames.Add(Fragment(payload, 0, 1480, id));
            frames.Add(Fragment(payload, 1480, 2960, id));
        }
        var reassembler = new IpReassembler();
        var decoded = new DecodedFrame[frames.Count];
        for (int i = 0; i < frames.Count; i++)
            FrameDecoder.Decode(LinkTypes.Ethernet, frames[i], ref decoded[i]);
        int completed = 0;
        for (int round = 0; round < 3; round++)
            completed += Feed(reassembler, frames, decoded);

        // The datagram buffers come from ArrayPool<byte>.Shared, which drops its cached arrays on a gen2
        // collection; another test class running beside this one can cause one mid-measurement, and the refill
        // then shows here although nothing is allocated per fragment. A per-fragment allocation shows in every
        // attempt (5 000 fragments each), so the quietest of three attempts is the one that says.
        long allocated = long.MaxValue;
        int rounds = 3;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            rounds += 20;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 20; round++)
                completed += Feed(reassembler, frames, decoded);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(rounds * 50, completed);
        Assert.Equal(0, allocated);
    }

    private static int Feed(IpReassembler reassembler, List<byte[]> frames, DecodedFrame[] decoded)
    {
        int completed = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            if (reassembler.Add(decoded[i], frames[i], i, out _) == FragmentResult.Complete)
                completed++;
        }
        return completed;
    }
}
