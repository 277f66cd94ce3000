using System.Runtime.CompilerServices;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Which retained transactions, registrations and calls of each capture point belong to a scan of their server:
/// the console leaves them to the sip-scan finding, the tables mark them (<c>by_scanner</c>) and the HTML lists
/// them after the phones'. Built once per analysis.
/// </summary>
internal sealed class ScanMemberships
{
    private static readonly ConditionalWeakTable<AnalysisResult, ScanMemberships> Built = new();

    private readonly List<ScanMembership?> _points;

    private ScanMemberships(AnalysisResult result) =>
        _points = result.Points.Select(p => p.Sip.Scans.Scans.Any() ? new ScanMembership(p.Sip.Scans, p.Sip.Transactions) : null).ToList();

    public static ScanMemberships Of(AnalysisResult result) => Built.GetValue(result, static r => new ScanMemberships(r));

    /// <summary>True when <paramref name="t"/>, seen at <paramref name="point"/>, is part of a scan.</summary>
    public bool Covers(int point, Transaction? t) => t is not null && _points[point] is { } scan && scan.Covers(t);

    /// <summary>True when every transaction of <paramref name="r"/> is part of a scan.</summary>
    public bool Covers(int point, Registration r) => _points[point] is { } scan && scan.Covers(r);
}
