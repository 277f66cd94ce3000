namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>A count that several tables add to, so that one cap can hold for all of them together.</summary>
internal sealed class SharedCount
{
    public int Value;
}
