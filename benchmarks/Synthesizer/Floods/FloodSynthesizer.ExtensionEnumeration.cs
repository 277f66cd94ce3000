using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;
namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// svwar with its User-Agent taken out: one internet address behind the router (203.0.113.77) registers extension 100, 101, … in
    /// turn, --count of them, one every 200 ms, each once (no retransmission, no credentials). A --answered fraction is
    /// answered — 404 for an unknown extension, every fifth one a 401 challenge the tool never answers — and the rest
    /// the PBX's firewall drops. The capture goes on past timer F.
    /// </summary>
    private FloodTruth ExtensionEnumeration()
    {
        var enumerator = new Host(Host.Ipv4(203, 0, 113, 77), 0x00_1a_2b_00_00_01UL, 0x00_1a_2b_00_00_01UL, 52, 1);
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            long extension = 100 + i;
            bool answered = _options.ScanAnswered > 0 && _random.Chance(_options.ScanAnswered);
            int status = !answered ? 0 : i % 5 == 0 ? 401 : 404;
            for (int step = 0; step < (answered ? 2 : 1); step++)
            {
                bool request = step == 0;
                var t = _text.Clear();
                t.Append(request ? "REGISTER sip:10.10.0.10 SIP/2.0" : status == 401 ? "SIP/2.0 401 Unauthorized" : "SIP/2.0 404 Not Found").Crlf();
                t.Append("Via: SIP/2.0/UDP ").Append(enumerator.Address).Append(":5060;branch=z9hG4bKenum").AppendHex((ulong)i, 10).Crlf();
                t.Append("From: <sip:").Append(extension).Append("@10.10.0.10>;tag=").AppendHex((ulong)i, 8).Crlf();
                t.Append("To: <sip:").Append(extension).Append("@10.10.0.10>").Append(request ? "" : ";tag=srv").Crlf();
                t.Append("Call-ID: enum-").AppendHex((ulong)i, 8).Append("@").Append(enumerator.Address).Crlf();
                t.Line("CSeq: 1 REGISTER");
                if (request) t.Append("Contact: <sip:").Append(extension).Append("@").Append(enumerator.Address).Line(":5060>");
                if (status == 401 && !request) t.Append("WWW-Authenticate: Digest realm=\"pbx\", nonce=\"").AppendHex((ulong)i, 16).Line("\"");
                SendRegisterExchange(enumerator, request ? 0 : status);
                _now += 1_000_000;
            }
            _now += 199_000_000;
        }
        PastTimerF();
        return new FloodTruth { Kind = "extension-enumeration", Distinct = count, Description = "REGISTERs for one extension after another from one address, each once, without a User-Agent" };
    }
}
