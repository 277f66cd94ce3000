namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>What an ICMP/ICMPv6 error that quotes a packet says happened to it.</summary>
public enum IcmpErrorKind : byte
{
    Unreachable,
    AdministrativelyProhibited,
    Redirect,
    TimeExceeded,
    PacketTooBig,
    ParameterProblem,
    SourceQuench,
}
