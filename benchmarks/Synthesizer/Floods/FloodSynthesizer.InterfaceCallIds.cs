using PcapSipAnalyzer.Synthesizer.Truth;
namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    private const int FloodInterfaces = 1024;

    /// <summary>
    /// The call-ids flood spread round-robin over 1 024 pcapng interfaces (each a capture point of its own),
    /// so that no single point passes a cap while all of them together hold --count calls. Needs --format pcapng.
    /// </summary>
    private FloodTruth InterfaceCallIds()
    {
        while (_writer.InterfaceCount < FloodInterfaces) _writer.AddInterface();
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            _writer.InterfaceId = (int)(i % FloodInterfaces);
            var source = Source(74, i);
            var t = _text.Clear();
            t.Line("INVITE sip:1000@pbx.example.com SIP/2.0");
            t.Append("Via: SIP/2.0/UDP ").Append(source.Address).Append(":5060;branch=z9hG4bK").AppendHex(_random.NextULong(), 16).Crlf();
            t.Append("From: <sip:scanner@").Append(source.Address).Append(">;tag=").AppendHex(_random.NextULong(), 8).Crlf();
            t.Line("To: <sip:1000@pbx.example.com>");
            t.Append("Call-ID: iface-").AppendHex((ulong)i, 8).Append("@").Append(source.Address).Crlf();
            t.Line("CSeq: 1 INVITE");
            _body.Clear();
            AppendBody();
            SendSip(source, 5060, _pbx, 5060);
            _truth.Sip.CountRequest("INVITE", false);
            _truth.Traffic.Sip++;
            _now += 10_000;
        }
        _writer.InterfaceId = 0;
        return new FloodTruth { Kind = "interface-call-ids", Distinct = count, Description = $"unanswered INVITEs, one Call-ID each, over {FloodInterfaces} interfaces" };
    }
}
