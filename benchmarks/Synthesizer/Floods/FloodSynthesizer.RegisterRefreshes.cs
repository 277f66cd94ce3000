using PcapSipAnalyzer.Synthesizer.Truth;
namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// --count REGISTERs on one Call-ID (CSeq 1, 2, …) without credentials, each challenged by a 401: a
    /// registration attempt that never closes, so its transaction history grows with the capture.
    /// </summary>
    private FloodTruth RegisterRefreshes()
    {
        var phone = Source(71, 1);
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            for (int response = 0; response < 2; response++)
            {
                var t = _text.Clear();
                t.Append(response == 0 ? "REGISTER sip:10.10.0.10 SIP/2.0" : "SIP/2.0 401 Unauthorized").Crlf();
                t.Append("Via: SIP/2.0/UDP ").Append(phone.Address).Append(":5060;branch=z9hG4bKreg").AppendHex((ulong)i, 10).Crlf();
                t.Append("From: <sip:2001@10.10.0.10>;tag=").AppendHex((ulong)i, 8).Crlf();
                t.Append("To: <sip:2001@10.10.0.10>").Append(response == 0 ? "" : ";tag=srv").Crlf();
                t.Line("Call-ID: one-registration@10.71.0.1");
                t.Append("CSeq: ").Append(i + 1).Line(" REGISTER");
                if (response == 0) t.Append("Contact: <sip:2001@").Append(phone.Address).Line(":5060>;expires=3600");
                else t.Append("WWW-Authenticate: Digest realm=\"pbx\", nonce=\"").AppendHex((ulong)i, 16).Line("\"");
                SendRegisterExchange(phone, response == 0 ? 0 : 401);
            }
            _now += 10_000;
        }
        return new FloodTruth { Kind = "register-refreshes", Distinct = count, Description = "REGISTERs on one Call-ID, each challenged, never with credentials" };
    }
}
