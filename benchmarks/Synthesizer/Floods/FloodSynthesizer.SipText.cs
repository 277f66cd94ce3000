using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer;

// What the SIP floods share: a body buffer, sending the message built in _text over UDP, SDP with many m= lines.
public sealed partial class FloodSynthesizer
{
    private readonly AsciiText _body = new();

    /// <summary>Sends the SIP message in <see cref="_text"/> as one UDP datagram (a jumbo frame up to 64 KB when it is large).</summary>
    private void SendSip(Host from, ushort fromPort, Host to, ushort toPort)
    {
        _text.Span.CopyTo(_writer.FrameSpace(FrameBuilder.UdpPayloadOffset + _text.Length)[FrameBuilder.UdpPayloadOffset..]);
        CommitUdp(from, fromPort, to, toPort, _text.Length);
    }

    /// <summary>The PBX asks ARP for the router 40 s after the last request: the capture outlasts timer F, so unanswered requests count as such.</summary>
    private void PastTimerF()
    {
        _now += 40_000_000_000;
        var frame = _writer.FrameSpace(60);
        _writer.Commit(_now, FrameBuilder.WriteArp(frame, false, _pbx.LinkMac, _pbx.Ip, 0, Host.Ipv4(10, 10, 0, 1), true));
        _truth.Traffic.Arp++;
    }

    /// <summary>Sends the REGISTER (<paramref name="status"/> 0) or its response built in <see cref="_text"/>, without a body.</summary>
    private void SendRegisterExchange(Host phone, int status)
    {
        _body.Clear();
        AppendBody();
        if (status == 0)
        {
            SendSip(phone, 5060, _pbx, 5060);
            _truth.Sip.CountRequest("REGISTER", false);
        }
        else
        {
            SendSip(_pbx, 5060, phone, 5060);
            _truth.Sip.CountResponse(status, false);
        }
        _truth.Traffic.Sip++;
    }

    /// <summary>Ends the headers in <see cref="_text"/> with Content-Type/Length for <see cref="_body"/> and appends it.</summary>
    private void AppendBody()
    {
        if (_body.Length > 0) _text.Line("Content-Type: application/sdp");
        _text.Append("Content-Length: ").Append(_body.Length).Crlf().Crlf();
        _text.Append(_body.Span);
    }

    /// <summary>An SDP body of <paramref name="mediaLines"/> audio m= lines in <see cref="_body"/>.</summary>
    private void SdpBody(Host owner, int mediaLines, long version)
    {
        _body.Clear();
        _body.Line("v=0");
        _body.Append("o=- 1 ").Append(version).Append(" IN IP4 ").Append(owner.Address).Crlf();
        _body.Line("s=-");
        _body.Append("c=IN IP4 ").Append(owner.Address).Crlf();
        _body.Line("t=0 0");
        for (int m = 0; m < mediaLines; m++)
            _body.Append("m=audio ").Append(20000 + 2 * (m % 20000)).Line(" RTP/AVP 0 8 101");
    }
}
