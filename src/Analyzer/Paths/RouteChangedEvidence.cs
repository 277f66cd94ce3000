using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.RouteChanged"/>: when the responses changed next hop, the last frame before
/// and the first after, and whether the change broke a delivery that worked.
/// </summary>
public sealed record RouteChangedEvidence(long ChangedAtNs, long LastFrameBefore, long FirstFrameAfter, bool BrokeDelivery) : FindingEvidence;
