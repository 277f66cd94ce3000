using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.TestSupport;
using ArpPacket = PacketDotNet.ArpPacket;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>
/// Differential test against PacketDotNet on every public capture libpcap reads: wherever PacketDotNet decodes a
/// layer, its fields must equal ours. Where PacketDotNet is wrong or does not decode, tshark is the reference
/// (<see cref="FrameDecoderTsharkTests"/> covers every frame); the exceptions are listed in <see cref="Skip"/>.
/// </summary>
public class FrameDecoderPacketDotNetTests
{
    [Theory]
    [MemberData(nameof(DecodeCorpus.LibpcapReadable), MemberType = typeof(DecodeCorpus))]
    public void DecodedFieldsAgreeWithPacketDotNet(string file)
    {
        var packets = LibpcapCapture.ReadAll(Fixtures.PublicFile(file));
        var mismatches = new List<string>();
        var frame = new DecodedFrame();
        int skipped = 0;
        for (int i = 0; i < packets.Count; i++)
        {
            FrameDecoder.Decode(packets[i].LinkType, packets[i].Data, ref frame);
            try
            {
                var reference = Packet.ParsePacket(Skip.ReferenceLinkType(packets[i].LinkType), packets[i].Data);
                new PacketDotNetComparison(i + 1, reference, frame, mismatches).Run();
            }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException
                                          or NotImplementedException)
            {
                // PacketDotNet parses lazily and throws on truncated headers (zeek/trunc, the fuzzed aaa.pcap) and on
                // BSD loopback families it does not know (PcapPlusPlus/null_loopback.pcap: "Protocol of 15 is not
                // implemented"); tshark is the reference for those frames.
                skipped++;
            }
        }
        // Guards against a comparison that silently compares nothing.
        if (!Skip.FilesPacketDotNetCannotParse.Contains(file) && packets.Count > 0
            && !Skip.LinkTypesNeitherDecodes.Contains(packets[0].LinkType))
            Assert.True(skipped < packets.Count, $"PacketDotNet decoded none of the {packets.Count} packets");
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} mismatches in {file}:\n" + string.Join("\n", mismatches.Take(25)));
    }
}

/// <summary>Compares the layers PacketDotNet decoded with ours.</summary>
internal sealed class PacketDotNetComparison(int number, Packet reference, DecodedFrame frame, List<string> mismatches)
{
    public void Run()
    {
        if (Skip.Frame(frame))
            return;
        if (reference.Extract<EthernetPacket>() is { } ethernet && frame.Has(FrameLayers.Ethernet))
        {
            Expect("eth.src", Mac(ethernet.SourceHardwareAddress), frame.SourceMac.ToString());
            Expect("eth.dst", Mac(ethernet.DestinationHardwareAddress), frame.DestinationMac.ToString());
        }
        if (reference.Extract<Ieee8021QPacket>() is { } vlan)
            Expect("vlan", vlan.VlanIdentifier.ToString(), frame.OuterVlan.ToString());
        if (reference.Extract<LinuxSllPacket>() is { LinkLayerAddressLength: 6 } sll)
            Expect("sll.src", Mac(new PhysicalAddress(sll.LinkLayerAddress[..6])), frame.SourceMac.ToString());
        if (reference.Extract<IPv4Packet>() is { } ipv4 && frame.Has(FrameLayers.Ipv4))
        {
            CompareAddresses(ipv4.SourceAddress, ipv4.DestinationAddress);
            Expect("ip.ttl", ipv4.TimeToLive.ToString(), frame.Ttl.ToString());
            Expect("ip.id", ipv4.Id.ToString(), frame.IpId.ToString());
            if (!frame.Has(FrameLayers.Fragment))
                Expect("ip.proto", ((int)ipv4.Protocol).ToString(), frame.IpProtocol.ToString());
        }
        if (reference.Extract<IPv6Packet>() is { } ipv6 && frame.Has(FrameLayers.Ipv6))
        {
            CompareAddresses(ipv6.SourceAddress, ipv6.DestinationAddress);
            Expect("ipv6.hlim", ipv6.HopLimit.ToString(), frame.Ttl.ToString());
        }
        CompareTransport();
        if (reference.Extract<ArpPacket>() is { } arp && frame.Has(FrameLayers.Arp) && !frame.Has(FrameLayers.Unsupported))
        {
            Expect("arp.opcode", ((int)arp.Operation).ToString(), frame.ArpOperation.ToString());
            Expect("arp.src.hw", Mac(arp.SenderHardwareAddress), frame.ArpSenderMac.ToString());
            Expect("arp.src.ip", arp.SenderProtocolAddress.ToString(), frame.ArpSenderIp.ToIPAddress().ToString());
            Expect("arp.dst.hw", Mac(arp.TargetHardwareAddress), frame.ArpTargetMac.ToString());
            Expect("arp.dst.ip", arp.TargetProtocolAddress.ToString(), frame.ArpTargetIp.ToIPAddress().ToString());
        }
    }

    private void CompareTransport()
    {
        if (Skip.Transport(frame))
            return;
        if (reference.Extract<UdpPacket>() is { } udp && frame.Has(FrameLayers.Udp))
        {
            Expect("udp.srcport", udp.SourcePort.ToString(), frame.SourcePort.ToString());
            Expect("udp.dstport", udp.DestinationPort.ToString(), frame.DestinationPort.ToString());
        }
        if (reference.Extract<TcpPacket>() is { } tcp && frame.Has(FrameLayers.Tcp))
        {
            Expect("tcp.srcport", tcp.SourcePort.ToString(), frame.SourcePort.ToString());
            Expect("tcp.dstport", tcp.DestinationPort.ToString(), frame.DestinationPort.ToString());
            Expect("tcp.flags", (tcp.Flags & 0xFF).ToString(), frame.TcpFlags.ToString());
        }
        if (reference.Extract<IcmpV4Packet>() is { } icmp && frame.Has(FrameLayers.Icmp))
        {
            Expect("icmp.type", ((int)icmp.TypeCode >> 8).ToString(), frame.IcmpType.ToString());
            Expect("icmp.code", ((int)icmp.TypeCode & 0xFF).ToString(), frame.IcmpCode.ToString());
        }
        if (reference.Extract<IcmpV6Packet>() is { } icmpv6 && frame.Has(FrameLayers.Icmpv6))
        {
            Expect("icmpv6.type", ((int)icmpv6.Type).ToString(), frame.IcmpType.ToString());
            Expect("icmpv6.code", icmpv6.Code.ToString(), frame.IcmpCode.ToString());
        }
    }

    private void CompareAddresses(IPAddress source, IPAddress destination)
    {
        Expect("ip.src", source.ToString(), frame.SourceIp.ToIPAddress().ToString());
        Expect("ip.dst", destination.ToString(), frame.DestinationIp.ToIPAddress().ToString());
    }

    private static string Mac(PhysicalAddress address) =>
        string.Join(":", address.GetAddressBytes().Select(b => b.ToString("x2")));

    private void Expect(string field, string theirs, string ours)
    {
        if (theirs != ours)
            mismatches.Add($"frame {number}: {field} PacketDotNet '{theirs}' decoder '{ours}'");
    }
}
