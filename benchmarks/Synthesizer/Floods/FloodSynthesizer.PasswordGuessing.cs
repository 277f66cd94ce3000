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

    /// <summary>
    /// Password spraying from a botnet: 200 internet addresses behind the router MAC, each trying two of 40 extensions
    /// (2001…2040) in turn, so that one user gets --count / 40 guesses (10 at 400) from as many addresses, and no
    /// address or user alone makes the 20 attempts that tell a guesser. One guess every 16 ms together.
    /// </summary>
    private FloodTruth PasswordSpraying()
    {
        const int Sources = 200, Users = 40;
        var bots = new Host[Sources];
        for (int i = 0; i < Sources; i++)
            bots[i] = new Host(i < 100 ? Host.Ipv4(198, 51, 100, 1 + i) : Host.Ipv4(203, 0, 113, i - 99),
                0x00_1a_2b_00_00_01UL, 0x00_1a_2b_00_00_01UL, (byte)(44 + i % 16), (ushort)(i * 97));
        Guesses(bots, i => bots[i / 2 % Sources], i => 2001 + (int)(i % Users));
        return new FloodTruth { Kind = "password-spraying", Distinct = _options.FloodCount, Description = "password guesses for 40 extensions from 200 addresses, two users each, each a registration of its own, all refused" };
    }

    /// <summary>
    /// The same pace and count as <see cref="PasswordSpraying"/> from 200 phones of the site's own network (10.10.1.0/24
    /// and on), each registering its own two lines (2001 and 2002 the first, 2003 and 2004 the next, …) with a password
    /// the registrar refuses, every attempt under a new Call-ID (a phone that restarts its registration from scratch): many
    /// users, many addresses, but each user tried from one address only.
    /// </summary>
    private FloodTruth LinesRefused()
    {
        const int Phones = 200;
        var phones = new Host[Phones];
        for (int i = 0; i < Phones; i++)
            phones[i] = new Host(Host.Ipv4(10, 10, 1 + i / 250, 1 + i % 250), 0x00_04_0d_00_10_00UL + (ulong)i, 0x00_1a_2b_00_00_01UL, 63, (ushort)(i * 97));
        Guesses(phones, i => phones[i / 2 % Phones], i => 2001 + (int)(i % (2 * Phones)));
        return new FloodTruth { Kind = "lines-refused", Distinct = _options.FloodCount, Description = "200 phones each registering its own two lines, every attempt refused, each a registration of its own" };
    }

    /// <summary>
    /// Spraying from one internet address (203.0.113.77, behind the router MAC, no scanner's User-Agent): one guess
    /// for each of --count extensions, 2001 on, each a registration of its own Call-ID, one every 16 ms — the classic
    /// "extension = password" sweep.
    /// </summary>
    private FloodTruth SprayFromOneAddress()
    {
        var sprayer = new Host(Host.Ipv4(203, 0, 113, 77), 0x00_1a_2b_00_00_01UL, 0x00_1a_2b_00_00_01UL, 52, 1);
        Guesses([sprayer], _ => sprayer, i => 2001 + (int)i);
        return new FloodTruth { Kind = "spray-one-address", Distinct = _options.FloodCount, Description = "one guess for each of many extensions from one address, each a registration of its own, all refused" };
    }

    /// <summary>
    /// A 24-port gateway of the site (10.10.1.50) whose password the PBX no longer takes: at boot it registers its 24
    /// lines (2101…2124) within half a second, each line under a Call-ID of its own that it keeps, and retries each
    /// every 30 s, --count rounds in all; every attempt refused.
    /// </summary>
    private FloodTruth GatewayLinesRefused()
    {
        const int Lines = 24;
        var gateway = new Host(Host.Ipv4(10, 10, 1, 50), 0x00_0b_82_00_00_50UL, 0x00_1a_2b_00_00_01UL, 63, 1);
        long rounds = _options.FloodCount;
        for (long round = 0; round < rounds; round++)
        {
            for (int line = 0; line < Lines; line++)
            {
                string user = (2101 + line).ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (int step = 0; step < 4; step++)
                {
                    bool request = step % 2 == 0;
                    long cseq = 2 * round + (step < 2 ? 1 : 2);
                    var t = _text.Clear();
                    t.Append(request ? "REGISTER sip:10.10.0.10 SIP/2.0" : step == 1 ? "SIP/2.0 401 Unauthorized" : "SIP/2.0 403 Forbidden").Crlf();
                    t.Append("Via: SIP/2.0/UDP ").Append(gateway.Address).Append(":5060;branch=z9hG4bKgw").AppendHex((ulong)(round * Lines + line), 10)
                        .Append(step < 2 ? "a" : "b").Crlf();
                    t.Append("From: <sip:").Append(user).Append("@10.10.0.10>;tag=").AppendHex((ulong)(round * Lines + line), 8).Crlf();
                    t.Append("To: <sip:").Append(user).Append("@10.10.0.10>").Append(request ? "" : ";tag=srv").Crlf();
                    t.Append("Call-ID: gwline-").Append(user).Append("@").Append(gateway.Address).Crlf();
                    t.Append("CSeq: ").Append(cseq).Line(" REGISTER");
                    t.Line("User-Agent: Grandstream GXW4224");
                    if (request) t.Append("Contact: <sip:").Append(user).Append("@").Append(gateway.Address).Line(":5060>");
                    if (step == 1) t.Append("WWW-Authenticate: Digest realm=\"pbx\", nonce=\"").AppendHex((ulong)(round * Lines + line), 16).Line("\"");
                    if (step == 2)
                        t.Append("Authorization: Digest username=\"").Append(user).Append("\", realm=\"pbx\", nonce=\"").AppendHex((ulong)(round * Lines + line), 16)
                            .Append("\", uri=\"sip:10.10.0.10\", response=\"").AppendHex(_random.NextULong(), 16).AppendHex(_random.NextULong(), 16)
                            .Line("\", algorithm=MD5");
                    SendRegisterExchange(gateway, request ? 0 : step == 1 ? 401 : 403);
                }
                _now += 20_000_000;
            }
            _now += 30_000_000_000L - Lines * 20_000_000L;
        }
        return new FloodTruth { Kind = "gateway-lines-refused", Distinct = Lines, Description = "a gateway's 24 lines refused, each retrying under the Call-ID it keeps" };
    }

    /// <summary>--count guesses for extension 2001, the i-th from <paramref name="guessers"/>[i % length]: REGISTER, 401 challenge, REGISTER with credentials, 403, one every 16 ms.</summary>
    private void Guesses(Host[] guessers) => Guesses(guessers, i => guessers[i % guessers.Length], _ => 2001);

    private void Guesses(Host[] guessers, Func<long, Host> guesserOf, Func<long, int> userOf)
    {
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            var guesser = guesserOf(i);
            string user = userOf(i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (int step = 0; step < 4; step++)
            {
                bool request = step % 2 == 0;
                var t = _text.Clear();
                t.Append(request ? "REGISTER sip:10.10.0.10 SIP/2.0" : step == 1 ? "SIP/2.0 401 Unauthorized" : "SIP/2.0 403 Forbidden").Crlf();
                t.Append("Via: SIP/2.0/UDP ").Append(guesser.Address).Append(":5060;branch=z9hG4bKguess").AppendHex((ulong)i, 10)
                    .Append(step < 2 ? "a" : "b").Crlf();
                t.Append("From: <sip:").Append(user).Append("@10.10.0.10>;tag=").AppendHex((ulong)i, 8).Crlf();
                t.Append("To: <sip:").Append(user).Append("@10.10.0.10>").Append(request ? "" : ";tag=srv").Crlf();
                t.Append("Call-ID: guess-").AppendHex((ulong)i, 8).Append("@").Append(guesser.Address).Crlf();
                t.Append("CSeq: ").Append(step < 2 ? 1 : 2).Line(" REGISTER");
                if (request) t.Append("Contact: <sip:").Append(user).Append("@").Append(guesser.Address).Line(":5060>");
                if (step == 1) t.Append("WWW-Authenticate: Digest realm=\"pbx\", nonce=\"").AppendHex((ulong)i, 16).Line("\"");
                if (step == 2)
                    t.Append("Authorization: Digest username=\"").Append(user).Append("\", realm=\"pbx\", nonce=\"").AppendHex((ulong)i, 16)
                        .Append("\", uri=\"sip:10.10.0.10\", response=\"").AppendHex(_random.NextULong(), 16).AppendHex(_random.NextULong(), 16)
                        .Line("\", algorithm=MD5");
                SendRegisterExchange(guesser, request ? 0 : step == 1 ? 401 : 403);
            }
            _now += 16_000_000;
        }
    }
}
