using PcapSipAnalyzer.Synthesizer.Truth;
namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    private const int MediaLinesPerInvite = 1000;

    /// <summary>--count INVITEs, each its own call, with 1 000 m= lines in their SDP; never answered.</summary>
    private FloodTruth InviteMedia()
    {
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            var caller = Source(73, i);
            SdpBody(caller, MediaLinesPerInvite, 1);
            var t = _text.Clear();
            t.Line("INVITE sip:1000@10.10.0.10 SIP/2.0");
            t.Append("Via: SIP/2.0/UDP ").Append(caller.Address).Append(":5060;branch=z9hG4bKm").AppendHex((ulong)i, 10).Crlf();
            t.Append("From: <sip:2000@").Append(caller.Address).Append(">;tag=").AppendHex((ulong)i, 8).Crlf();
            t.Line("To: <sip:1000@10.10.0.10>");
            t.Append("Call-ID: media-").AppendHex((ulong)i, 8).Append("@").Append(caller.Address).Crlf();
            t.Line("CSeq: 1 INVITE");
            AppendBody();
            SendSip(caller, 5060, _pbx, 5060);
            _truth.Sip.CountRequest("INVITE", false);
            _truth.Traffic.Sip++;
            _now += 10_000;
        }
        return new FloodTruth { Kind = "invite-media", Distinct = count, Description = $"unanswered INVITEs with {MediaLinesPerInvite} m= lines each" };
    }
}
