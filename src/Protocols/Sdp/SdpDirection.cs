namespace PcapSipAnalyzer.Protocols.Sdp;

/// <summary>Media direction attribute (RFC 4566 §6).</summary>
public enum SdpDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
