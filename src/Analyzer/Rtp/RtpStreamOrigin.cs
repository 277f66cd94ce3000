namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>Why a UDP flow was taken for RTP.</summary>
public enum RtpStreamOrigin : byte
{
    /// <summary>Sent to or from an address and port an SDP offer or answer announced.</summary>
    Sdp,
    /// <summary>In the port range the user forced (--rtp-ports).</summary>
    ForcedPorts,
    /// <summary>Found by content: version 2 and several packets in sequence.</summary>
    Heuristic,
}
