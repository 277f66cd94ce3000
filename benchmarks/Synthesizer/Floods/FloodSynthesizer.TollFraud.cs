using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;
namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// Toll fraud: 203.0.113.88, behind the router, calls --count international numbers through the PBX, 100 ms apart,
    /// each a call of its own: INVITE, 407, INVITE with credentials for user 100, then 403 — or, for an --answered
    /// fraction, 200 OK (the guess was right; the PBX hangs up with a BYE) — and the ACK.
    /// </summary>
    private FloodTruth TollFraud()
    {
        var caller = new Host(Host.Ipv4(203, 0, 113, 88), 0x00_1a_2b_00_00_01UL, 0x00_1a_2b_00_00_01UL, 52, 1);
        Calls(caller, _pbx, "10.10.0.10", _options.ScanAnswered);
        return new FloodTruth { Kind = "toll-fraud", Distinct = _options.FloodCount, Description = "calls to international numbers with guessed credentials, refused 403" };
    }

    /// <summary>
    /// The counter-case: the PBX, which a phone registers with first (it answers requests), places --count calls to its
    /// provider 198.51.100.5 with credentials the provider refuses (403): a trunk with a wrong password, not an attacker.
    /// </summary>
    private FloodTruth TrunkRefused()
    {
        var phone = new Host(Host.Ipv4(10, 10, 1, 20), 0x00_0b_82_00_00_14UL, 0x00_0b_82_00_00_14UL, 64, 1);
        var t = _text.Clear();
        t.Line("REGISTER sip:10.10.0.10 SIP/2.0").Append("Via: SIP/2.0/UDP 10.10.1.20:5060;branch=z9hG4bKphone1").Crlf()
            .Line("From: <sip:201@10.10.0.10>;tag=ph").Line("To: <sip:201@10.10.0.10>").Line("Call-ID: phone-reg@10.10.1.20").Line("CSeq: 1 REGISTER")
            .Line("Contact: <sip:201@10.10.1.20:5060>").Line("Expires: 3600");
        SendRegisterExchange(phone, 0);
        _now += 2_000_000;
        t = _text.Clear();
        t.Line("SIP/2.0 200 OK").Append("Via: SIP/2.0/UDP 10.10.1.20:5060;branch=z9hG4bKphone1").Crlf()
            .Line("From: <sip:201@10.10.0.10>;tag=ph").Line("To: <sip:201@10.10.0.10>;tag=srv").Line("Call-ID: phone-reg@10.10.1.20").Line("CSeq: 1 REGISTER")
            .Line("Contact: <sip:201@10.10.1.20:5060>;expires=3600");
        SendRegisterExchange(phone, 200);
        _now += 100_000_000;
        var provider = new Host(Host.Ipv4(198, 51, 100, 5), 0x00_1a_2b_00_00_01UL, 0x00_1a_2b_00_00_01UL, 52, 1);
        Calls(_pbx, provider, "198.51.100.5", 0);
        return new FloodTruth { Kind = "trunk-refused", Distinct = _options.FloodCount, Description = "the PBX's calls to its provider refused 403 after credentials" };
    }

    private void Calls(Host caller, Host callee, string domain, double accepted)
    {
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            string number = "900972" + (59_000_000 + i * 7_919).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            bool ok = accepted > 0 && _random.Chance(accepted);
            for (int step = 0; step < 6; step++)
            {
                // INVITE, 407, ACK; INVITE with credentials, 403 or 200, ACK.
                bool fromCaller = step % 3 != 1;
                int cseq = step < 3 ? 1 : 2;
                string method = step % 3 == 2 ? "ACK" : "INVITE";
                var t = _text.Clear();
                if (fromCaller) t.Append(method).Append(" sip:").Append(number).Append("@").Append(domain).Line(" SIP/2.0");
                else t.Line(step == 1 ? "SIP/2.0 407 Proxy Authentication Required" : ok ? "SIP/2.0 200 OK" : "SIP/2.0 403 Forbidden");
                t.Append("Via: SIP/2.0/UDP ").Append(caller.Address).Append(":5060;branch=z9hG4bKcall").AppendHex((ulong)i, 10)
                    .Append(cseq == 1 ? "a" : ok && step == 5 ? "c" : "b").Crlf();
                t.Append("From: \"100\" <sip:100@").Append(domain).Append(">;tag=").AppendHex((ulong)i, 8).Crlf();
                t.Append("To: <sip:").Append(number).Append("@").Append(domain).Append(">").Append(step % 3 == 0 ? "" : ";tag=far").Crlf();
                t.Append("Call-ID: call-").AppendHex((ulong)i, 8).Append("@").Append(caller.Address).Crlf();
                t.Append("CSeq: ").Append(cseq).Append(" ").Line(method);
                if (step % 3 == 0) t.Append("Contact: <sip:100@").Append(caller.Address).Line(":5060>");
                if (step == 1) t.Append("Proxy-Authenticate: Digest realm=\"pbx\", nonce=\"").AppendHex((ulong)i, 16).Line("\"");
                if (step == 3)
                    t.Append("Proxy-Authorization: Digest username=\"100\", realm=\"pbx\", nonce=\"").AppendHex((ulong)i, 16)
                        .Append("\", uri=\"sip:").Append(number).Append("@").Append(domain).Append("\", response=\"")
                        .AppendHex(_random.NextULong(), 16).AppendHex(_random.NextULong(), 16).Line("\", algorithm=MD5");
                t.Line("Content-Length: 0").Crlf();
                if (fromCaller) SendSip(caller, 5060, callee, 5060); else SendSip(callee, 5060, caller, 5060);
                _truth.Traffic.Sip++;
                _now += 1_000_000;
            }
            // An accepted call ends: the server hangs up, the caller says 200.
            for (int step = 0; ok && step < 2; step++)
            {
                var t = _text.Clear();
                t.Append(step == 0 ? "BYE sip:100@" + caller.Address + ":5060 SIP/2.0" : "SIP/2.0 200 OK").Crlf();
                t.Append("Via: SIP/2.0/UDP ").Append(callee.Address).Append(":5060;branch=z9hG4bKbye").AppendHex((ulong)i, 10).Crlf();
                t.Append("From: <sip:").Append(number).Append("@").Append(domain).Line(">;tag=far");
                t.Append("To: \"100\" <sip:100@").Append(domain).Append(">;tag=").AppendHex((ulong)i, 8).Crlf();
                t.Append("Call-ID: call-").AppendHex((ulong)i, 8).Append("@").Append(caller.Address).Crlf();
                t.Line("CSeq: 1 BYE").Line("Content-Length: 0").Crlf();
                if (step == 0) SendSip(callee, 5060, caller, 5060); else SendSip(caller, 5060, callee, 5060);
                _truth.Traffic.Sip++;
                _now += 1_000_000;
            }
            _now += 94_000_000;
        }
    }
}
