namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>Finds SIP by content, on any port: the payload must start with a complete request or status line.</summary>
public static class SipDetector
{
    /// <summary>A start line longer than this is not taken for SIP.</summary>
    public const int MaxStartLineLength = SipStartLine.MaxLength;

    /// <summary>
    /// True when <paramref name="payload"/> starts with "TOKEN SP uri SP SIP/2.0" or "SIP/2.0 NNN" and a line end.
    /// Cheap enough for every UDP and TCP payload; CRLF keep-alives, HTTP and RTP are rejected.
    /// </summary>
    public static bool LooksLikeSip(ReadOnlySpan<byte> payload) =>
        SipStartLine.Read(payload).Kind is SipStartLineKind.Request or SipStartLineKind.Status;

    /// <summary>Classifies the start of a stream or datagram (see <see cref="SipStartLineKind"/>).</summary>
    public static SipStartLineKind Classify(ReadOnlySpan<byte> data) => SipStartLine.Read(data).Kind;
}
