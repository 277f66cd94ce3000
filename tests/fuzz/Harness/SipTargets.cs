using PcapSipAnalyzer.Protocols.Sdp;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Fuzz;

/// <summary>The SIP and SDP parser targets (compiled once the parsers are on the branch, see the csproj).</summary>
public static class SipTargets
{
    public static void Sip(byte[] input)
    {
        if (SipParser.TryParse(input, out var message))
        {
            if (message is null)
                throw new InvalidOperationException("TryParse returned true without a message");
            if (message.Length < 0 || message.Length > input.Length)
                throw new InvalidOperationException($"message length {message.Length} outside the {input.Length} input bytes");
        }
    }

    public static void Sdp(byte[] input)
    {
        if (SdpParser.TryParse(input, out var session) && session is null)
            throw new InvalidOperationException("TryParse returned true without a session");
    }
}
