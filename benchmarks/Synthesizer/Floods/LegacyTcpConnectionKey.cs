namespace PcapSipAnalyzer.Synthesizer;

/// <summary>
/// The shape of the analyzer's TCP connection key before its hash was seeded (same fields, generated hash): the
/// hash is linear in each field, so for every client port there is one client address giving any wanted value.
/// </summary>
public readonly record struct LegacyTcpConnectionKey(
    int Capture, int InterfaceId, LegacyNetAddress LowIp, ushort LowPort, LegacyNetAddress HighIp, ushort HighPort)
{
    /// <summary>The old hash of the connection from <paramref name="client"/>:<paramref name="clientPort"/> to a server below it.</summary>
    public static int HashOf(uint server, ushort serverPort, uint client, ushort clientPort) =>
        new LegacyTcpConnectionKey(0, 0, new LegacyNetAddress(0, server, false), serverPort, new LegacyNetAddress(0, client, false), clientPort)
            .GetHashCode();
}
