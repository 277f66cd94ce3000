using PcapSipAnalyzer.Synthesizer.Truth;

namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// One answered call, then <see cref="SynthesisOptions.FloodCount"/> in-dialog INFO transactions (request and
    /// 200), each followed by the ACK of the initial INVITE sent again with a new branch: an ACK found by walking
    /// every transaction of the dialog costs time quadratic in their number.
    /// </summary>
    private FloodTruth InDialogAcks()
    {
        SendCallMessage(CallMessage("INVITE sip:1000@pbx.example.com SIP/2.0", "invite", "", 1, "INVITE"), true);
        SendCallMessage(CallMessage("SIP/2.0 200 OK", "invite", "callee", 1, "INVITE"), false);
        _truth.Sip.CountRequest("INVITE", false);
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            string branch = "info" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            SendCallMessage(CallMessage("INFO sip:1000@pbx.example.com SIP/2.0", branch, "callee", i + 2, "INFO"), true);
            SendCallMessage(CallMessage("SIP/2.0 200 OK", branch, "callee", i + 2, "INFO"), false);
            SendCallMessage(CallMessage("ACK sip:1000@pbx.example.com SIP/2.0", "ack" + branch, "callee", 1, "ACK"), true);
            _truth.Sip.CountRequest("INFO", false);
            _truth.Sip.CountRequest("ACK", false);
        }
        return new FloodTruth { Kind = "in-dialog-acks", Distinct = count, Description = "one call with in-dialog INFOs, each followed by an ACK of the INVITE" };
    }
}
