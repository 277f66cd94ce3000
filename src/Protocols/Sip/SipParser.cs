namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>Parses one SIP message from its bytes.</summary>
public static class SipParser
{
    /// <summary>
    /// Parses the message in <paramref name="data"/> (exactly one message, as framed from UDP or TCP).
    /// Returns false for bytes that are not a SIP message; never throws on bad input.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SipMessage? message) =>
        throw new NotImplementedException();
}
