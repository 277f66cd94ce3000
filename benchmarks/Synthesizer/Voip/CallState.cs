namespace PcapSipAnalyzer.Synthesizer.Voip;

/// <summary>Where a call is in its life.</summary>
public enum CallState
{
    Setup,
    Talking,
    Ending,
    Ended,
}
