using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// What the reader's side found when it looked for SIP in a UDP datagram: not looked (fragments, TCP …), not SIP,
/// or SIP — parsed there (<see cref="Parsed"/>, the message null when it did not parse) or left to the engines' side.
/// </summary>
internal readonly record struct SipCheck(bool Checked, bool IsSip, bool Parsed, SipMessage? Message)
{
    public static SipCheck NotSip => new(true, false, false, null);

    /// <summary>SIP, for the engines' side to parse.</summary>
    public static SipCheck Unparsed => new(true, true, false, null);
}
