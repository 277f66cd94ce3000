using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// What the reader's side found when it looked for SIP in a UDP datagram: not looked (fragments, TCP …),
/// not SIP, or SIP with its parsed message (null when it looked like SIP but did not parse).
/// </summary>
internal readonly record struct SipCheck(bool Checked, bool IsSip, SipMessage? Message)
{
    public static SipCheck NotSip => new(true, false, null);
}
