using PcapSipAnalyzer.Synthesizer.Truth;

namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// An OPTIONS, one record of <see cref="SynthesisOptions.HeaderBytes"/> bytes (an Ethernet frame that could
    /// never be sent), and another OPTIONS: a reader that buffers whole records holds all of it at once.
    /// </summary>
    private FloodTruth HugeRecord()
    {
        SendCallMessage(CallMessage("OPTIONS sip:pbx.example.com SIP/2.0", "before", "", 1, "OPTIONS"), true);
        _writer.WriteLongRecord(_now, _options.HeaderBytes, 0x5A);
        _now += 1_000_000;
        SendCallMessage(CallMessage("OPTIONS sip:pbx.example.com SIP/2.0", "after", "", 2, "OPTIONS"), true);
        _truth.Sip.CountRequest("OPTIONS", false);
        _truth.Sip.CountRequest("OPTIONS", false);
        return new FloodTruth { Kind = "huge-record", Distinct = 1, Bytes = _options.HeaderBytes, Description = "one huge record between two OPTIONS" };
    }
}
