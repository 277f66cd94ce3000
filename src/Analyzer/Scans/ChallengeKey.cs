using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// A challenged request and the request that answers its challenge share this: the client's address and port
/// and the Call-ID (a phone resends its REGISTER or INVITE with credentials on the same call).
/// </summary>
internal readonly record struct ChallengeKey(NetAddress Ip, ushort Port, string CallId);
