using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>The capture point a (capture, interface) belongs to, by name: what RTP rows and lines cite.</summary>
internal sealed class PointNames
{
    private readonly Dictionary<(int Capture, int InterfaceId), string> _names = new();

    public PointNames(AnalysisResult result)
    {
        foreach (var point in result.Points)
            foreach (int capture in point.Captures)
                _names.TryAdd((capture, point.InterfaceId), point.Name);
    }

    public string Of(int capture, int interfaceId) => _names.GetValueOrDefault((capture, interfaceId), "");
}
