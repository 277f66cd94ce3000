namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence that rests on a transaction's path (null when it rests on a TCP handshake alone).</summary>
public interface IPathFindingEvidence
{
    TransactionPathEvidence? Path { get; }
}
