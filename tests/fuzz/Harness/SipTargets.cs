using PcapSipAnalyzer.Protocols.Sdp;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Fuzz;

/// <summary>The SIP and SDP parser targets: stateless, one message or body per input.</summary>
public static class SipTargets
{
    public static void Sip(byte[] input)
    {
        _ = SipDetector.LooksLikeSip(input);
        int headerEnd = SipFraming.FindHeaderEnd(input);
        if (headerEnd > input.Length)
            throw new InvalidOperationException($"header end {headerEnd} past the {input.Length} input bytes");
        if (headerEnd > 0)
            _ = SipFraming.TryReadContentLength(input.AsSpan(0, headerEnd), out _);
        if (SipParser.TryParse(input, out var message))
        {
            if (message is null)
                throw new InvalidOperationException("TryParse returned true without a message");
            if (message.Length < 0 || message.Length > input.Length)
                throw new InvalidOperationException($"message length {message.Length} outside the {input.Length} input bytes");
            _ = message.ToString();
            _ = message.TopVia;
        }
    }

    public static void Sdp(byte[] input)
    {
        if (SdpParser.TryParse(input, out var session) && session is null)
            throw new InvalidOperationException("TryParse returned true without a session");
    }
}
