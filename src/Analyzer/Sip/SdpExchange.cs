using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// One SDP body of a dialog's offer/answer exchange (RFC 3264): who sent it, in which message, and where that
/// party expects to receive media. The media analysis links RTP streams to dialogs from these.
/// </summary>
public sealed class SdpExchange
{
    /// <summary>"offer" or "answer".</summary>
    public string Kind { get; init; } = "";
    /// <summary>"caller" (the party that sent the initial INVITE) or "callee".</summary>
    public string Party { get; init; } = "";
    /// <summary>Method of the request carrying it, or of the request a response answers.</summary>
    public string Method { get; init; } = "";
    /// <summary>Status of the response carrying it, 0 when it came in a request.</summary>
    public int Status { get; init; }
    public FrameRef Frame { get; init; }
    public long TimestampNs { get; init; }
    /// <summary>"ip:port" of the packet that carried the SDP.</summary>
    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";
    // Required rather than defaulted: a default description was made and thrown away with every exchange, the
    // parsed one set right after it (a tenth of what a dialog's re-offers allocated).
    public required SdpSession Sdp { get; init; }
}
