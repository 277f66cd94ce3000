using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>
/// Compares one decoded frame with tshark's row. Which occurrence of a repeated field is ours: the first for a
/// plain frame; the last for a tunnelled one (the decoder reports the inner headers); the ICMP-quoted header is
/// the last occurrence of its family, and the outer one then the one before it.
/// </summary>
internal sealed class FrameComparison(int number, TsharkRow row, DecodedFrame frame, List<string> mismatches)
{
    private bool Tunnelled => frame.Has(FrameLayers.Tunnel);

    public void Run()
    {
        ComparePresence();
        CompareLink();
        if (frame.Has(FrameLayers.Ipv4))
            CompareIpv4();
        if (frame.Has(FrameLayers.Ipv6))
            CompareIpv6();
        bool fragmentTail = frame.Has(FrameLayers.Fragment) && frame.FragmentOffset != 0;
        if (frame.Has(FrameLayers.Udp) && !fragmentTail)
            ComparePorts("udp");
        if (frame.Has(FrameLayers.Tcp) && !fragmentTail)
        {
            ComparePorts("tcp");
            // tshark's tcp.flags has 12 bits (with the reserved and AccECN bits); the decoder keeps the flags byte.
            string? flags = Pick("tcp.flags", false);
            Expect("tcp.flags", flags is null ? null : "0x" + (TsharkRow.Number(flags) & 0xFF).ToString("x"), frame.TcpFlags, hex: true);
        }
        if (frame.Has(FrameLayers.Icmp))
            CompareIcmp("icmp");
        if (frame.Has(FrameLayers.Icmpv6))
            CompareIcmp("icmpv6");
        if (frame.Has(FrameLayers.Arp) && !frame.Has(FrameLayers.Unsupported))
            CompareArp();
        if (frame.Has(FrameLayers.NeighborDiscovery))
            CompareNeighborDiscovery();
    }

    private static readonly string[] TransportNames = ["udp", "tcp", "icmp", "icmpv6", "arp"];

    /// <summary>
    /// The layers tshark found are found: the network layer, and the first transport in tshark's protocol
    /// chain (later ones are inside an ICMP quote or a tunnel).
    /// </summary>
    private void ComparePresence()
    {
        // tshark names a layer whose header is broken or cut (and flags it); the decoder says Malformed/Truncated.
        if (frame.Has(FrameLayers.Malformed | FrameLayers.Truncated))
            return;
        var protocols = (row.First("frame.protocols") ?? "").Split(':');
        bool ip = protocols.Contains("ip") || protocols.Contains("ipv6");
        if (ip && !frame.Has(FrameLayers.Ipv4 | FrameLayers.Ipv6))
            mismatches.Add($"frame {number}: tshark decodes {string.Join(':', protocols)}, decoder no IP ({frame.Layers})");
        string? transport = protocols.FirstOrDefault(p => TransportNames.Contains(p));
        if (transport == null || Tunnelled)
            return;
        var expected = transport switch
        {
            "udp" => FrameLayers.Udp,
            "tcp" => FrameLayers.Tcp,
            "icmp" => FrameLayers.Icmp,
            "icmpv6" => FrameLayers.Icmpv6,
            _ => FrameLayers.Arp,
        };
        if (!frame.Has(expected))
            mismatches.Add($"frame {number}: tshark decodes {string.Join(':', protocols)}, decoder {frame.Layers}");
    }

    private void CompareLink()
    {
        if (frame.Has(FrameLayers.Ethernet))
        {
            if (Tunnelled)
            {
                Contains("eth.src", frame.SourceMac.ToString());
                Contains("eth.dst", frame.DestinationMac.ToString());
            }
            else
            {
                Expect("eth.src", row.First("eth.src"), frame.SourceMac.ToString());
                Expect("eth.dst", row.First("eth.dst"), frame.DestinationMac.ToString());
            }
        }
        if (frame.Has(FrameLayers.LinuxSll) && row.First("sll.src.eth") is { } sllSource)
            Expect("sll.src.eth", sllSource, frame.SourceMac.ToString());
        var vlans = row.VlanIds();
        if (frame.Has(FrameLayers.Vlan) && !Tunnelled)
        {
            Expect("vlan.id[0]", vlans.Count > 0 ? vlans[0] : null, frame.OuterVlan);
            if (frame.VlanCount > 1)
                Expect("vlan.id[1]", vlans.Count > 1 ? vlans[1] : null, frame.InnerVlan);
            Expect("vlan count", vlans.Count.ToString(), frame.VlanCount);
        }
        else if (!Tunnelled && vlans.Count > 0 && frame.Has(FrameLayers.Ethernet))
            mismatches.Add($"frame {number}: tshark has VLAN ids {string.Join(",", vlans)}, decoder none");
    }

    private bool QuotesSameFamily(bool v6) =>
        frame.Has(FrameLayers.IcmpQuote) && frame.QuotedSourceIp.IsV6 == v6;

    /// <summary>The occurrence of a network-layer field that is this frame's own header.</summary>
    private string? Pick(string field, bool quoted)
    {
        var all = row.All(field);
        if (all.Count == 0)
            return null;
        if (quoted)
            return all[^1];
        bool v6 = field.StartsWith("ipv6", StringComparison.Ordinal) || field.StartsWith("icmpv6", StringComparison.Ordinal);
        int skip = field.StartsWith("ip", StringComparison.Ordinal) && QuotesSameFamily(v6) ? 1 : 0;
        int index = Tunnelled ? all.Count - 1 - skip : 0;
        return index >= 0 && index < all.Count ? all[index] : null;
    }

    private void CompareIpv4()
    {
        Expect("ip.src", Pick("ip.src", false), Text(frame.SourceIp));
        Expect("ip.dst", Pick("ip.dst", false), Text(frame.DestinationIp));
        Expect("ip.ttl", Pick("ip.ttl", false), frame.Ttl);
        Expect("ip.id", Pick("ip.id", false), frame.IpId, hex: true);
        if (!frame.Has(FrameLayers.Fragment) || frame.FragmentOffset == 0)
            Expect("ip.proto", Pick("ip.proto", false), frame.IpProtocol);
        if (frame.IpTotalLength == 0)
            return; // the header (options included) is cut: the decoder stops before the fragment fields
        Expect("ip.flags.mf", Pick("ip.flags.mf", false), frame.MoreFragments ? 1 : 0);
        // tshark 4.0 shows the offset in 8-byte units, as the header holds it.
        Expect("ip.frag_offset", Pick("ip.frag_offset", false), frame.FragmentOffset / 8);
        if (frame.Has(FrameLayers.IcmpQuote) && !frame.QuotedSourceIp.IsV6)
        {
            Expect("quoted ip.src", Pick("ip.src", true), Text(frame.QuotedSourceIp));
            Expect("quoted ip.dst", Pick("ip.dst", true), Text(frame.QuotedDestinationIp));
        }
    }

    private void CompareIpv6()
    {
        Expect("ipv6.src", Pick("ipv6.src", false), Text(frame.SourceIp));
        Expect("ipv6.dst", Pick("ipv6.dst", false), Text(frame.DestinationIp));
        Expect("ipv6.hlim", Pick("ipv6.hlim", false), frame.Ttl);
        if (frame.Has(FrameLayers.Fragment))
        {
            Expect("ipv6.fraghdr.offset", row.First("ipv6.fraghdr.offset"), frame.FragmentOffset / 8);
            Expect("ipv6.fraghdr.more", row.First("ipv6.fraghdr.more"), frame.MoreFragments ? 1 : 0);
            Expect("ipv6.fraghdr.ident", row.First("ipv6.fraghdr.ident"), (long)frame.FragmentId, hex: true);
        }
        if (frame.Has(FrameLayers.IcmpQuote) && frame.QuotedSourceIp.IsV6)
        {
            Expect("quoted ipv6.src", Pick("ipv6.src", true), Text(frame.QuotedSourceIp));
            Expect("quoted ipv6.dst", Pick("ipv6.dst", true), Text(frame.QuotedDestinationIp));
        }
    }

    private void ComparePorts(string protocol)
    {
        Expect(protocol + ".srcport", Pick(protocol + ".srcport", false), frame.SourcePort);
        Expect(protocol + ".dstport", Pick(protocol + ".dstport", false), frame.DestinationPort);
    }

    private void CompareIcmp(string protocol)
    {
        Expect(protocol + ".type", Pick(protocol + ".type", false), frame.IcmpType);
        Expect(protocol + ".code", Pick(protocol + ".code", false), frame.IcmpCode);
        if (protocol == "icmp" && frame.IcmpType == 5)
            Expect("icmp.redir_gw", row.First("icmp.redir_gw"), Text(frame.IcmpGateway));
        if (frame.QuotedSourcePort != 0)
        {
            string quotedTransport = frame.QuotedProtocol == 6 ? "tcp" : "udp";
            Expect("quoted " + quotedTransport + ".srcport", row.Last(quotedTransport + ".srcport"), frame.QuotedSourcePort);
            Expect("quoted " + quotedTransport + ".dstport", row.Last(quotedTransport + ".dstport"), frame.QuotedDestinationPort);
        }
    }

    private void CompareArp()
    {
        Expect("arp.opcode", row.First("arp.opcode"), frame.ArpOperation);
        Expect("arp.src.hw_mac", row.First("arp.src.hw_mac"), frame.ArpSenderMac.ToString());
        Expect("arp.src.proto_ipv4", row.First("arp.src.proto_ipv4"), Text(frame.ArpSenderIp));
        Expect("arp.dst.hw_mac", row.First("arp.dst.hw_mac"), frame.ArpTargetMac.ToString());
        Expect("arp.dst.proto_ipv4", row.First("arp.dst.proto_ipv4"), Text(frame.ArpTargetIp));
    }

    private void CompareNeighborDiscovery()
    {
        string field = frame.IcmpType == 135 ? "icmpv6.nd.ns.target_address" : "icmpv6.nd.na.target_address";
        Expect(field, row.First(field), Text(frame.ArpTargetIp));
        if (!frame.ArpSenderMac.IsNone)
            Expect("icmpv6.opt.linkaddr", row.First("icmpv6.opt.linkaddr"), frame.ArpSenderMac.ToString());
    }

    /// <summary>NetAddress prints 0.0.0.0 as "" (no address); tshark prints it.</summary>
    private static string Text(NetAddress address) => address.ToIPAddress().ToString();

    private void Contains(string field, string ours)
    {
        if (!row.All(field).Contains(ours))
            mismatches.Add($"frame {number}: {field} tshark [{string.Join(",", row.All(field))}] lacks decoder {ours}");
    }

    private void Expect(string field, string? tshark, string ours)
    {
        if (tshark != ours)
            mismatches.Add($"frame {number}: {field} tshark '{tshark}' decoder '{ours}'");
    }

    private void Expect(string field, string? tshark, long ours, bool hex = false)
    {
        long? theirs = tshark is null ? null : TsharkRow.Number(tshark);
        if (theirs != ours)
            mismatches.Add($"frame {number}: {field} tshark '{tshark}' decoder '{(hex ? "0x" + ours.ToString("x") : ours)}'");
    }
}
