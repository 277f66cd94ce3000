using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence of <see cref="FindingKind.SynAckWrongGateway"/>: the next hop the SYN came from, the one the SYN-ACK left toward, and how often each was sent again.</summary>
public sealed record SynAckWrongGatewayEvidence(NextHop SynHop, NextHop SynAckHop, int SynRetransmissions, int SynAckRetransmissions)
    : FindingEvidence;
