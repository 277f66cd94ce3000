using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// <see cref="SynthesisOptions.FloodCount"/> TCP connections to the PBX, each one 20-byte segment, whose
    /// connection keys all had the same hash before it was seeded: a table keyed by them degrades to a list, and
    /// opening each connection walks all the others. The old hash is linear in the client address and port, so
    /// each client port has exactly one client address that gives the wanted hash; server ports 5060, 5061, …
    /// give further families of up to 65 536.
    /// </summary>
    private FloodTruth CollidingConnections()
    {
        var server = new Host(Host.Ipv4(1, 0, 0, 10), _pbx.Mac, _pbx.LinkMac, 64, 1);
        long count = _options.FloodCount, made = 0;
        for (ushort serverPort = 5060; made < count; serverPort++)
        {
            int target = LegacyTcpConnectionKey.HashOf(server.Ip, serverPort, 0, 0);
            uint perAddress = unchecked((uint)(LegacyTcpConnectionKey.HashOf(server.Ip, serverPort, 1, 0) - target));
            uint inverse = InverseOf(perAddress);
            for (int port = 1024; port <= ushort.MaxValue && made < count; port++)
            {
                // hash = target + client × perAddress + port: cancel the port with the address.
                uint client = unchecked((uint)-port * inverse);
                if (!Routable(client) || client <= server.Ip) continue;
                var host = new Host(client, 0x02_00_00_00_00_00UL | (ulong)made, _pbx.LinkMac ^ 1, 64, 1);
                var frame = _writer.FrameSpace(FrameBuilder.TcpPayloadOffset + 20);
                "REGISTER sip:pbx SIP"u8.CopyTo(frame[FrameBuilder.TcpPayloadOffset..]);
                Commit(FrameBuilder.FinishTcp(frame, host, (ushort)port, server, serverPort, _random.NextUInt(), 0,
                    FrameBuilder.TcpAck | FrameBuilder.TcpPsh, 20));
                _truth.Traffic.Flood++;
                made++;
            }
        }
        return new FloodTruth { Kind = "colliding-connections", Distinct = made, Bytes = 20, Description = "TCP connections of one 20-byte segment whose keys collided under the unseeded hash" };
    }

    /// <summary>Unicast and not loopback, so no decoder treats the packet as special.</summary>
    private static bool Routable(uint ip) => ip >> 24 is > 0 and < 224 and not 127;

    /// <summary>The multiplicative inverse of an odd number modulo 2^32 (Newton's iteration).</summary>
    private static uint InverseOf(uint odd)
    {
        uint x = odd;
        for (int i = 0; i < 5; i++) x = unchecked(x * (2 - odd * x));
        return x;
    }
}
