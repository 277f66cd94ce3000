using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;
namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// svmap -m REGISTER without its User-Agent: 203.0.113.77, behind the router, sends one REGISTER to port 5060 of
    /// --count addresses from 10.10.0.1 on, 50 ms apart, never retransmitted; nothing answers. The capture goes on past
    /// timer F.
    /// </summary>
    private FloodTruth RegisterSweep()
    {
        var sweeper = new Host(Host.Ipv4(203, 0, 113, 77), 0x00_1a_2b_00_00_01UL, 0x00_1a_2b_00_00_01UL, 52, 1);
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            uint ip = Host.Ipv4(10, 10, 0, 0) + 1 + (uint)i;
            var target = new Host(ip, 0x02_a0_00_00_00_00UL | (ip & 0xffff), 0x02_a0_00_00_00_00UL | (ip & 0xffff), 64, 1);
            var t = _text.Clear();
            t.Append("REGISTER sip:").Append(target.Address).Line(" SIP/2.0");
            t.Append("Via: SIP/2.0/UDP ").Append(sweeper.Address).Append(":5060;branch=z9hG4bKsweep").AppendHex((ulong)i, 10).Crlf();
            t.Append("From: <sip:100@").Append(target.Address).Append(">;tag=").AppendHex((ulong)i, 8).Crlf();
            t.Append("To: <sip:100@").Append(target.Address).Line(">");
            t.Append("Call-ID: sweep-").AppendHex((ulong)i, 8).Append("@").Append(sweeper.Address).Crlf();
            t.Line("CSeq: 1 REGISTER");
            t.Append("Contact: <sip:100@").Append(sweeper.Address).Line(":5060>");
            t.Line("Content-Length: 0").Crlf();
            SendSip(sweeper, 5060, target, 5060);
            _truth.Sip.CountRequest("REGISTER", false);
            _truth.Traffic.Sip++;
            _now += 50_000_000;
        }
        PastTimerF();
        return new FloodTruth { Kind = "register-sweep", Distinct = count, Description = "one REGISTER to each address of a network from one source, unanswered" };
    }
}
