namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>Bytes that several tables add to, so that one byte budget can hold for all of them together.</summary>
internal sealed class SharedBytes
{
    public long Value;
}
