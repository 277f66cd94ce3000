using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>A TCP connection, oriented by its handshake: the client sent the SYN, the server answers it.</summary>
public readonly record struct TcpConnectionKey(NetAddress Client, ushort ClientPort, NetAddress Server, ushort ServerPort)
{
    public string ClientEndpoint => Client.ToString(ClientPort);
    public string ServerEndpoint => Server.ToString(ServerPort);

    /// <summary>Seeded per process over every field: the generated hash adds the packet's ports linearly.</summary>
    public override int GetHashCode() => HashCode.Combine(Client, ClientPort, Server, ServerPort);
}
