namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>What a message is within its transaction.</summary>
public enum MessageKind
{
    Request,
    Response,
    Ack,
}
