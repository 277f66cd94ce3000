namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>What the first line of some bytes is, as far as SIP is concerned.</summary>
public enum SipStartLineKind
{
    /// <summary>Not a SIP request or status line.</summary>
    NotSip,
    /// <summary>A valid beginning of a start line, but the line has not ended yet (more stream bytes needed).</summary>
    Incomplete,
    /// <summary>"METHOD SP Request-URI SP SIP/2.0".</summary>
    Request,
    /// <summary>"SIP/2.0 SP 3DIGIT SP Reason-Phrase".</summary>
    Status,
}
