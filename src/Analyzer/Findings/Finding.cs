using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Findings;

/// <summary>
/// One problem found in the capture, explained in plain words with the frames that prove it. One finding per
/// client and problem (with counts), never one per retransmission.
/// </summary>
public sealed class Finding
{
    /// <summary>"F1", "F2", … in report order; causes cite findings by it.</summary>
    public string Id { get; set; } = "";
    /// <summary>The cause this finding is evidence for ("C1", …).</summary>
    public string? CauseId { get; set; }
    /// <summary>What the finding is about; its stable machine name is <see cref="FindingKinds.WireName"/>.</summary>
    public required FindingKind Kind { get; init; }
    public required Severity Severity { get; init; }
    /// <summary>One plain sentence.</summary>
    public required string Summary { get; init; }
    /// <summary>The reasoning, in a few sentences, naming next hops by IP and MAC.</summary>
    public string Explanation { get; set; } = "";
    /// <summary>"ip:port" of the SIP client (phone), when there is one.</summary>
    public string? Client { get; set; }
    /// <summary>"ip:port" of the server (PBX, registrar).</summary>
    public string? Server { get; set; }
    public Transport? Transport { get; set; }
    public string? CallId { get; set; }
    public long? CSeq { get; set; }
    /// <summary>What the user of the client most likely sees.</summary>
    public string? ClientSymptom { get; set; }
    /// <summary>Every frame the finding rests on, sorted.</summary>
    public List<FrameRef> Frames { get; } = new();
    /// <summary>A Wireshark display filter selecting the evidence.</summary>
    public string? WiresharkFilter { get; set; }
    /// <summary>Name of the capture point where a lost message was last seen (several capture points).</summary>
    public string? LastSeenAt { get; set; }
    /// <summary>How many times the problem occurred (transactions, retransmissions) for this client.</summary>
    public int Count { get; set; } = 1;
    /// <summary>
    /// A display filter that selects this finding's frames in the file of <paramref name="capture"/>:
    /// <c>frame.number in {a,b,…}</c>, with the commas Wireshark 4.0 requires; the first
    /// <see cref="MaxFilterFrames"/> of them, so a finding with a long history keeps a short filter. Null when
    /// it cites none there.
    /// </summary>
    public string? FrameFilter(int capture)
    {
        var numbers = Frames.Where(f => f.Capture == capture).Select(f => f.Frame).Distinct().Order().Take(MaxFilterFrames).ToList();
        if (numbers.Count == 0) return null;
        return FrameFiltersByComment
            ? "frame.comment matches \"\\\\[frame (" + string.Join("|", numbers) + ")\\\\]\""
            : "frame.number in {" + string.Join(",", numbers) + "}";
    }

    /// <summary>
    /// The report is for an --annotate-flagged-only copy, whose frames are renumbered: <see cref="FrameFilter"/>
    /// then selects the frames by the original numbers their comments carry (<c>pcapsip [frame 9]: …</c>).
    /// </summary>
    public bool FrameFiltersByComment { get; set; }

    /// <summary>Frame numbers at most in <see cref="FrameFilter"/>.</summary>
    public const int MaxFilterFrames = 200;

    /// <summary>The next hop the client's requests came in from (server side) or left toward (client side).</summary>
    public Paths.NextHop? RequestHop { get; set; }
    /// <summary>The next hop the server's responses left toward (server side) or came back from (client side).</summary>
    public Paths.NextHop? ResponseHop { get; set; }
    /// <summary>For a route change: the next hop the responses took before it.</summary>
    public Paths.NextHop? PreviousHop { get; set; }
    /// <summary>The server's own address, without the port, when the finding concerns one server.</summary>
    public Protocols.Frames.NetAddress ServerIp { get; set; }
    /// <summary>The client's own address, without the port.</summary>
    public Protocols.Frames.NetAddress ClientIp { get; set; }
    /// <summary>When the evidence starts and ends (capture time, ns since the epoch); 0 when unknown.</summary>
    public long FirstNs { get; set; }
    public long LastNs { get; set; }

    /// <summary>The typed facts the finding rests on; the JSON writes them into <c>details</c> beside <see cref="Details"/>.</summary>
    public FindingEvidence? Evidence { get; set; }

    /// <summary>Further facts by name that other stages add (capture points, NAT rewrites), written into the JSON as they are.</summary>
    public Dictionary<string, object?> Details { get; } = new();
}
