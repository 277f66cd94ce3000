using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>
/// One explanation for a set of findings — "the PBX sends traffic for 192.168.1.0/24 to .254 while that
/// subnet's requests arrive from .1" — with the change that fixes it. The findings keep their per-client
/// detail and cite the cause by <see cref="Id"/>.
/// </summary>
public sealed class Cause
{
    /// <summary>Most affected clients and evidence frames a cause lists; the totals are counted beside them.</summary>
    public const int MaxClients = 100;
    public const int MaxFrames = 50;

    /// <summary>"C1", "C2", … in report order (severity first).</summary>
    public string Id { get; set; } = "";
    public required CauseKind Kind { get; set; }
    public Severity Severity { get; set; }
    /// <summary>One sentence: what is wrong, with addresses.</summary>
    public string Summary { get; set; } = "";
    /// <summary>What to change, with addresses; says so when the right value is not known from the capture.</summary>
    public string Fix { get; set; } = "";
    /// <summary>What the users most likely see.</summary>
    public string? Symptom { get; set; }
    /// <summary>"ip" of the server whose behaviour is the cause, when there is one.</summary>
    public string? Server { get; set; }
    /// <summary>The affected clients' subnet: the topology file's, or the widest prefix that holds them all and no healthy client.</summary>
    public Subnet? Subnet { get; set; }
    /// <summary>Affected clients ("ip:port"), at most <see cref="MaxClients"/>; <see cref="ClientCount"/> has them all.</summary>
    public List<string> Clients { get; } = new();
    public int ClientCount { get; set; }
    /// <summary>Clients of the same server whose exchanges worked (a sample), the contrast that places the subnet.</summary>
    public List<string> HealthyClients { get; } = new();
    public NextHop? WrongNextHop { get; set; }
    public NextHop? RightNextHop { get; set; }
    public long FirstSeenNs { get; set; }
    public long LastSeenNs { get; set; }
    public List<Finding> Findings { get; } = new();
    /// <summary>A sample of the evidence frames (the first of each finding first), at most <see cref="MaxFrames"/>.</summary>
    public List<FrameRef> Frames { get; } = new();
    public int FrameCount { get; set; }
    public string? WiresharkFilter { get; set; }
    /// <summary>
    /// Affected clients whose REGISTER the same server answered (the answer not lost): where only their calls go
    /// unanswered, the route works and something drops the calls. Not written to the reports.
    /// </summary>
    internal int AffectedRegistered { get; set; }
    /// <summary>Affected clients that the same server answered at all (any other request, the answer not lost).</summary>
    internal int AffectedAnswered { get; set; }
    /// <summary>For answers sent to the Via's port: clients from the same addresses whose Via asked for rport and who registered.</summary>
    internal int RegisteredWithRport { get; set; }
    /// <summary>Final responses the server sent to late copies of requests whose first answer this cause lost; null when none.</summary>
    public LateAnswerEvidence? LateAnswers { get; set; }
}
