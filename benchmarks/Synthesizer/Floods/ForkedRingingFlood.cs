using PcapSipAnalyzer.Synthesizer.Truth;

namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// One INVITE answered by <see cref="SynthesisOptions.FloodCount"/> 180 Ringing, each from another fork (its
    /// own To tag): checking each new tag against a list of the earlier ones costs time quadratic in the forks.
    /// </summary>
    private FloodTruth ForkedRinging()
    {
        SendCallMessage(CallMessage("INVITE sip:1000@pbx.example.com SIP/2.0", "forked", "", 1, "INVITE"), true);
        _truth.Sip.CountRequest("INVITE", false);
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            string tag = "fork" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            SendCallMessage(CallMessage("SIP/2.0 180 Ringing", "forked", tag, 1, "INVITE"), false);
        }
        return new FloodTruth { Kind = "forked-ringing", Distinct = count, Description = "one INVITE, 180 Ringing from many forks (distinct To tags)" };
    }
}
