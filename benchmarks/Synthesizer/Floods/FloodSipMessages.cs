using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>The caller of the one-call floods (in-dialog ACKs, forked ringing); the PBX answers it.</summary>
    private static readonly Host Caller = new(Host.Ipv4(10, 63, 0, 1), 0x02_00_00_3f_00_01UL, 0x02_00_00_3f_00_01UL, 64, 1);

    /// <summary>Starts a SIP message of one call between <see cref="Caller"/> and the PBX (start line, Via, From, To, Call-ID, CSeq).</summary>
    private AsciiText CallMessage(string startLine, string branch, string toTag, long cseq, string method)
    {
        var t = _text.Clear();
        t.Line(startLine);
        t.Append("Via: SIP/2.0/UDP ").Append(Caller.Address).Append(":5060;branch=z9hG4bK").Line(branch);
        t.Append("From: <sip:caller@").Append(Caller.Address).Line(">;tag=caller");
        t.Append("To: <sip:1000@pbx.example.com>");
        if (toTag.Length > 0) t.Append(";tag=").Append(toTag);
        t.Crlf();
        t.Append("Call-ID: one-call@").Line(Caller.Address);
        t.Append("CSeq: ").Append(cseq).Append(" ").Line(method);
        return t;
    }

    /// <summary>Ends the message (no body) and sends it over UDP 5060, from the caller or from the PBX.</summary>
    private void SendCallMessage(AsciiText t, bool fromCaller)
    {
        t.Line("Content-Length: 0").Crlf();
        t.Span.CopyTo(_writer.FrameSpace(FrameBuilder.UdpPayloadOffset + t.Length)[FrameBuilder.UdpPayloadOffset..]);
        if (fromCaller) CommitUdp(Caller, 5060, _pbx, 5060, t.Length);
        else CommitUdp(_pbx, 5060, Caller, 5060, t.Length);
        _truth.Traffic.Sip++;
    }
}
