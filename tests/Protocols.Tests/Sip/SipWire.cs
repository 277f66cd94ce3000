using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>Turns SIP text written in a test (LF line ends) into wire bytes (CRLF) and parses it.</summary>
internal static class SipWire
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    public static SipMessage Parse(string text)
    {
        Assert.True(SipParser.TryParse(Bytes(text), out var message));
        return message!;
    }
}
