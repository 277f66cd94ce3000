namespace PcapSipAnalyzer.Synthesizer.Simulation;

/// <summary>What a scheduled event does when its time comes.</summary>
public enum EventKind : byte
{
    RegisterStart,
    RegisterRetransmit,
    RegisterReply,
    RegisterAuthenticated,
    IcmpRedirect,
    CallStart,
    CallStep,
    RtpPacket,
    DnsQuery,
    DnsAnswer,
    TcpPacer,
    TcpStep,
    ArpRequest,
    ArpReply,
}
