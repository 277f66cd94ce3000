using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>A TCP connection, oriented by its handshake: the client sent the SYN, the server answers it.</summary>
public readonly record struct TcpConnectionKey(NetAddress Client, ushort ClientPort, NetAddress Server, ushort ServerPort)
{
    public string ClientEndpoint => Client.ToString(ClientPort);
    public string ServerEndpoint => Server.ToString(ServerPort);
}
