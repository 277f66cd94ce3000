namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>Dispatch on the IP protocol to UDP, TCP, ICMP, ICMPv6 or a tunnel (IP in IP, GRE, VXLAN over UDP).</summary>
internal static class TransportLayer
{
    /// <summary>Tunnels nest at most this deep; past it (or in a fragment) the tunnel is "other IP protocol".</summary>
    public const int MaxTunnelDepth = 3;
    /// <summary>Depth passed where tunnels must not be entered (fragments, reassembled payloads).</summary>
    public const int NoTunnels = MaxTunnelDepth;

    /// <summary>Decodes the header of <paramref name="protocol"/> at <paramref name="offset"/>; <paramref name="packet"/>
    /// ends at the IP length (or the capture), so padding never counts as payload.</summary>
    public static void Decode(byte protocol, ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame, int depth)
    {
        switch (protocol)
        {
            case IpProtocols.Udp:
                UdpHeader.Decode(packet, offset, ref frame);
                if (frame.DestinationPort == VxlanHeader.Port && depth < MaxTunnelDepth && frame.Has(FrameLayers.Udp))
                    VxlanHeader.TryDecode(packet, frame.PayloadOffset, frame.PayloadLength, ref frame, depth + 1);
                return;
            case IpProtocols.Tcp:
                TcpHeader.Decode(packet, offset, ref frame);
                return;
            case IpProtocols.Icmp:
                IcmpHeader.Decode(packet, offset, ref frame);
                return;
            case IpProtocols.Icmpv6:
                Icmpv6Header.Decode(packet, offset, ref frame);
                return;
            case IpProtocols.IpInIp when depth < MaxTunnelDepth:
                Tunnel.EnterIp(ref frame, protocol);
                NetworkLayer.Decode(EtherTypes.Ipv4, packet, offset, ref frame, depth + 1);
                return;
            case IpProtocols.Ipv6InIp when depth < MaxTunnelDepth:
                Tunnel.EnterIp(ref frame, protocol);
                NetworkLayer.Decode(EtherTypes.Ipv6, packet, offset, ref frame, depth + 1);
                return;
            case IpProtocols.Gre when depth < MaxTunnelDepth:
                GreHeader.Decode(packet, offset, ref frame, depth + 1);
                return;
            default:
                frame.Layers |= FrameLayers.OtherIpProtocol;
                frame.PayloadOffset = offset;
                frame.PayloadLength = Math.Max(0, packet.Length - offset);
                return;
        }
    }
}
