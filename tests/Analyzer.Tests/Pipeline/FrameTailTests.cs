using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>
/// A hand-off slot filled by <see cref="FrameTail"/> holds the same bytes as after a whole copy of the frame, whatever
/// the slot held before: plain frames after ICMP, ARP or tunnelled ones and the other way round.
/// </summary>
public class FrameTailTests
{
    [Fact]
    public void The_tail_starts_after_the_fields_every_udp_and_tcp_packet_has()
    {
        var probe = default(DecodedFrame);
        ref byte start = ref Unsafe.As<DecodedFrame, byte>(ref probe);
        Assert.True(Unsafe.ByteOffset(ref start, ref Unsafe.As<int, byte>(ref probe.PayloadLength)) < FrameTail.Start);
        Assert.True(Unsafe.ByteOffset(ref start, ref Unsafe.As<NetAddress, byte>(ref probe.DestinationIp)) < FrameTail.Start);
        Assert.True(FrameTail.Start < Unsafe.SizeOf<DecodedFrame>() / 2, $"tail at {FrameTail.Start} of {Unsafe.SizeOf<DecodedFrame>()} bytes");
    }

    [Fact]
    public void Every_sequence_of_frames_leaves_the_slot_as_a_whole_copy_would()
    {
        var sip = Udp(5060, 5060, Ascii("OPTIONS sip:pbx SIP/2.0\r\n\r\n"));
        var frames = new[]
        {
            Decode(Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5004, 5006, new byte[172])))),
            Decode(Ethernet(0x0800, Ipv4(1, "10.0.0.3", "10.0.0.1", Icmp(3, 3, 0, Ipv4(17, "10.0.0.1", "10.0.0.2", sip))))),
            Decode(Ethernet(0x0800, Ipv4(1, "10.0.0.3", "10.0.0.1", Icmp(5, 1, 0x0a000001, Ipv4(17, "10.0.0.1", "10.0.0.2", sip))))),
            Decode(Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(40000, 5060, 1, 0x18, Ascii("INVITE"))))),
            Decode(Ethernet(0x0806, Arp())),
            Decode(Ethernet(0x0800, Ipv4(4, "192.0.2.1", "192.0.2.2", Ipv4(17, "10.0.0.2", "10.0.0.1", sip)))),
            Decode(Ethernet(0x0800, Ipv4(17, "10.0.0.2", "10.0.0.1", sip))),
        };
        Assert.Contains(frames, f => f.Has(FrameLayers.Arp));
        Assert.Contains(frames, f => f.Has(FrameLayers.Tunnel));
        Assert.Contains(frames, f => f.Has(FrameLayers.IcmpQuote));
        var order = new Random(7);
        var slot = default(DecodedFrame);
        bool tailSet = false;
        for (int i = 0; i < 200; i++)
        {
            var frame = frames[order.Next(frames.Length)];
            FrameTail.Copy(frame, ref slot, ref tailSet);
            Assert.True(Bytes(ref frame).SequenceEqual(Bytes(ref slot)), $"step {i}");
        }
    }

    // The engines' stage decodes a reassembled datagram over the fragment's frame in the entry (an ICMP error, here):
    // the next plain frame in that entry must not keep what it wrote.
    [Fact]
    public void An_entry_a_reassembly_wrote_into_is_cleared_by_the_next_plain_frame()
    {
        var fragment = Ethernet(0x0800, Ipv4(1, "10.0.0.3", "10.0.0.1", new byte[16], moreFragments: true));
        var rtp = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5004, 5006, new byte[172])));
        var entry = default(TransportPacket);
        var frame = Decode(fragment);
        Assert.True(frame.Has(FrameLayers.Fragment));
        entry.Set(new CapturedPacket { Data = fragment }, frame, null!, default, 0, default);
        entry.Frame.IcmpType = 3;
        entry.Frame.QuotedSourceIp = NetAddress.FromV4(0x0a000001);

        frame = Decode(rtp);
        entry.Set(new CapturedPacket { Data = rtp }, frame, null!, default, 0, default);

        Assert.True(Bytes(ref frame).SequenceEqual(Bytes(ref entry.Frame)));
    }

    private static DecodedFrame Decode(byte[] packet)
    {
        var frame = default(DecodedFrame);
        FrameDecoder.Decode(1, packet, ref frame);
        return frame;
    }

    // A request from 10.0.0.1 (00:11:22:33:44:55) for 10.0.0.254.
    private static byte[] Arp() =>
    [
        0, 1, 8, 0, 6, 4, 0, 1,
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 10, 0, 0, 1,
        0, 0, 0, 0, 0, 0, 10, 0, 0, 254,
    ];

    private static ReadOnlySpan<byte> Bytes(ref DecodedFrame frame) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<DecodedFrame, byte>(ref frame), Unsafe.SizeOf<DecodedFrame>());
}
