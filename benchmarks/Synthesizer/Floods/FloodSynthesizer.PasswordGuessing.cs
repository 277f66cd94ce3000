using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;
namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// --count password guesses for extension 2001 from one internet address behind the router, without a scanner's
    /// User-Agent (svcrack renamed): each a registration of its own Call-ID — REGISTER, 401 challenge, REGISTER with
    /// credentials, 403 — one every 20 ms.
    /// </summary>
    private FloodTruth PasswordGuessing()
    {
        var guesser = new Host(Host.Ipv4(203, 0, 113, 50), 0x00_1a_2b_00_00_01UL, 0x00_1a_2b_00_00_01UL, 52, 1);
        Guesses([guesser]);
        return new FloodTruth { Kind = "password-guessing", Distinct = _options.FloodCount, Description = "password guesses for one extension, each a registration of its own, all refused" };
    }

    /// <summary>
    /// The same guesses for extension 2001 from a botnet: 500 internet addresses behind the one router MAC, taking
    /// turns, so each tries --count / 500 times (a few each at the sizes the tests use) and none looks like svcrack
    /// alone. Together they guess one every 20 ms, as one guesser does.
    /// </summary>
    private FloodTruth DistributedGuessing()
    {
        const int Sources = 500;
        var bots = new Host[Sources];
        for (int i = 0; i < Sources; i++)
            bots[i] = new Host(i < 250 ? Host.Ipv4(198, 51, 100, 1 + i) : Host.Ipv4(203, 0, 113, i - 249),
                0x00_1a_2b_00_00_01UL, 0x00_1a_2b_00_00_01UL, (byte)(44 + i % 16), (ushort)(i * 97));
        Guesses(bots);
        return new FloodTruth { Kind = "distributed-guessing", Distinct = _options.FloodCount, Description = "password guesses for one extension from 500 addresses taking turns, each a registration of its own, all refused" };
    }

    /// <summary>--count guesses for extension 2001, the i-th from <paramref name="guessers"/>[i % length]: REGISTER, 401 challenge, REGISTER with credentials, 403, one every 20 ms.</summary>
    private void Guesses(Host[] guessers)
    {
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            var guesser = guessers[i % guessers.Length];
            for (int step = 0; step < 4; step++)
            {
                bool request = step % 2 == 0;
                var t = _text.Clear();
                t.Append(request ? "REGISTER sip:10.10.0.10 SIP/2.0" : step == 1 ? "SIP/2.0 401 Unauthorized" : "SIP/2.0 403 Forbidden").Crlf();
                t.Append("Via: SIP/2.0/UDP ").Append(guesser.Address).Append(":5060;branch=z9hG4bKguess").AppendHex((ulong)i, 10)
                    .Append(step < 2 ? "a" : "b").Crlf();
                t.Append("From: <sip:2001@10.10.0.10>;tag=").AppendHex((ulong)i, 8).Crlf();
                t.Append("To: <sip:2001@10.10.0.10>").Append(request ? "" : ";tag=srv").Crlf();
                t.Append("Call-ID: guess-").AppendHex((ulong)i, 8).Append("@").Append(guesser.Address).Crlf();
                t.Append("CSeq: ").Append(step < 2 ? 1 : 2).Line(" REGISTER");
                if (request) t.Append("Contact: <sip:2001@").Append(guesser.Address).Line(":5060>");
                if (step == 1) t.Append("WWW-Authenticate: Digest realm=\"pbx\", nonce=\"").AppendHex((ulong)i, 16).Line("\"");
                if (step == 2)
                    t.Append("Authorization: Digest username=\"2001\", realm=\"pbx\", nonce=\"").AppendHex((ulong)i, 16)
                        .Append("\", uri=\"sip:10.10.0.10\", response=\"").AppendHex(_random.NextULong(), 16).AppendHex(_random.NextULong(), 16)
                        .Line("\", algorithm=MD5");
                SendRegisterExchange(guesser, request ? 0 : step == 1 ? 401 : 403);
            }
            _now += 16_000_000;
        }
    }
}
