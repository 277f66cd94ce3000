using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// One answered call, then --count in-dialog UPDATEs, each offering SDP with <paramref name="mediaLines"/>
    /// m= lines and answered by a 200 with SDP: a dialog whose transaction and SDP history grows with the capture.
    /// </summary>
    private FloodTruth DialogRequests(int mediaLines)
    {
        var caller = Source(70, 1);
        const string CallId = "long-dialog@10.70.0.1";
        InDialog("INVITE", 1, caller, "z9hG4bKinv", toTag: false, mediaLines, 0);
        InDialog("INVITE", 1, caller, "z9hG4bKinv", toTag: true, mediaLines, 200);
        InDialog("ACK", 1, caller, "z9hG4bKack", toTag: true, 0, 0);
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            string branch = "z9hG4bKupd" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            InDialog("UPDATE", 2 + i, caller, branch, toTag: true, mediaLines, 0);
            InDialog("UPDATE", 2 + i, caller, branch, toTag: true, mediaLines, 200);
            _now += 10_000;
        }
        return new FloodTruth
        {
            Kind = mediaLines > 1 ? "dialog-media" : "dialog-requests", Distinct = count,
            Description = $"one dialog ({CallId}) with in-dialog UPDATEs, {mediaLines} m= line(s) per SDP",
        };
    }

    /// <summary>A request (<paramref name="status"/> 0) or its response inside the long dialog.</summary>
    private void InDialog(string method, long cseq, Host caller, string branch, bool toTag, int mediaLines, int status)
    {
        _body.Clear();
        if (method != "ACK") SdpBody(status == 0 ? caller : _pbx, mediaLines, cseq);
        var t = _text.Clear();
        if (status == 0) t.Append(method).Line(" sip:1000@10.10.0.10 SIP/2.0");
        else t.Append("SIP/2.0 ").Append(status).Line(" OK");
        t.Append("Via: SIP/2.0/UDP ").Append(caller.Address).Append(":5060;branch=").Line(branch);
        t.Append("From: <sip:2000@").Append(caller.Address).Line(">;tag=caller1");
        t.Append("To: <sip:1000@10.10.0.10>").Line(toTag ? ";tag=callee1" : "");
        t.Line("Call-ID: long-dialog@10.70.0.1");
        t.Append("CSeq: ").Append(cseq).Append(" ").Line(method);
        t.Append("Contact: <sip:2000@").Append(caller.Address).Line(":5060>");
        AppendBody();
        if (status == 0)
        {
            SendSip(caller, 5060, _pbx, 5060);
            _truth.Sip.CountRequest(method, false);
        }
        else
        {
            SendSip(_pbx, 5060, caller, 5060);
            _truth.Sip.CountResponse(status, false);
        }
        _truth.Traffic.Sip++;
    }
}
