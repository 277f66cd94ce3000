using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>Everything an analysis found; the report writers read only this.</summary>
public sealed class AnalysisResult
{
    public List<CaptureResult> Captures { get; } = new();
    public ProtocolCounters Protocols { get; } = new();
    public AnomalyCounters Anomalies { get; } = new();

    /// <summary>Link types whose frames were not decoded, by packets (the anomaly link-type-not-decoded in detail).</summary>
    public UndecodedLinkTypes UndecodedLinkTypes { get; } = new();

    /// <summary>Exceptions met while handling single packets, each counted as an engine-error anomaly.</summary>
    public EngineErrors EngineErrors { get; }

    public AnalysisResult() => EngineErrors = new EngineErrors(Anomalies);

    /// <summary>Capture points (files, or interfaces of multi-interface files), each with its SIP engine.</summary>
    public List<CapturePoint> Points { get; } = new();

    /// <summary>Next hops and delivery per transaction, for every point.</summary>
    public List<TransactionPath> Paths { get; } = new();

    /// <summary>RTP streams (per capture point and interface) and RTCP reception reports.</summary>
    public List<RtpStream> RtpStreams { get; } = new();
    public List<RtcpReception> RtcpReports { get; } = new();
    /// <summary>Calls with the streams linked to them.</summary>
    public List<CallMedia> Calls { get; } = new();

    /// <summary>Ordered by severity, then cause, then time; each cites its cause.</summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>The explanations behind the findings, the worst first: what the report opens with.</summary>
    public List<Diagnosis.Cause> Causes { get; } = new();

    /// <summary>The capture points lined up: clock offsets, where each SIP message was seen.</summary>
    public Points.PointCorrelation? Correlation { get; internal set; }
    /// <summary>The TCP connections to SIP ports whose handshake was seen (capped like the tracker that followed them).</summary>
    public List<Paths.TcpHandshake> TcpConnections { get; } = new();
    /// <summary>The ICMP errors the captures held (bounded by their own cap): what the connections' ladders show of them.</summary>
    public Paths.IcmpEvidence? Icmp { get; internal set; }
    /// <summary>The ARP requests hosts sent and whether they were answered (a connection ladder draws a server's unanswered ones).</summary>
    public Paths.NeighborLookups? Lookups { get; internal set; }
    /// <summary>The --topology file the analysis used, null without one: reports name hosts by it.</summary>
    public Paths.TopologyFile? Topology { get; internal set; }

    /// <summary>State dropped to keep memory bounded, by table ("ip-fragments", "tcp-streams", …).</summary>
    public Dictionary<string, long> StateEvictions { get; } = new(StringComparer.Ordinal);

    /// <summary>Time spent per phase (read, engines, paths, media …); the CLI adds its report phases.</summary>
    public PhaseTimings Timings { get; } = new();

    public bool AnyFormatError => Captures.Any(c => c.Error is not null && !c.NotFound);
    public bool AnyNotFound => Captures.Any(c => c.NotFound);

    internal void AddEvictions(string table, long count)
    {
        if (count <= 0) return;
        StateEvictions[table] = StateEvictions.GetValueOrDefault(table) + count;
    }
}
