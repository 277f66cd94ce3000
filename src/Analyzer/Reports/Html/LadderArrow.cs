using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// One SIP message of a ladder, its retransmissions grouped (<see cref="Copies"/>), an ICMP error or a TCP control segment: drawn from
/// the sender's column toward the receiver's, with a mark on every capture point's lane that saw it, ending in an
/// arrowhead where it arrived or in a cross where it was last seen before being lost.
/// </summary>
internal sealed class LadderArrow
{
    /// <summary>"request", "response", "ack", "icmp", "arp" (a server's unanswered ARP requests) or "tcp" (a SYN, SYN-ACK, handshake ACK, FIN or RST).</summary>
    public required string Kind { get; init; }
    /// <summary>Method or status with its reason phrase ("401 Unauthorized"), or the ICMP error in words.</summary>
    public required string Label { get; init; }
    /// <summary>The second line: CSeq, time, frame, the next-hop MAC it left toward.</summary>
    public required string Detail { get; init; }
    /// <summary>Transmissions grouped in this arrow (1 + retransmissions).</summary>
    public int Copies { get; init; } = 1;
    /// <summary>When the first copy was seen (reference clock): arrows are drawn in this order.</summary>
    public long TimeNs { get; init; }
    /// <summary>Column the arrow starts at.</summary>
    public int From { get; init; }
    /// <summary>Where it ends, in columns (a half step past a lane when it was lost between two columns).</summary>
    public double To { get; init; }
    /// <summary>Never seen past its last capture point: ends in a cross.</summary>
    public bool Lost { get; init; }
    /// <summary>Lane columns where a copy was seen.</summary>
    public IReadOnlyList<int> SeenAt { get; init; } = [];
    /// <summary>Every frame of every copy ("capture:frame"), at most <see cref="Ladder.MaxFramesPerArrow"/>.</summary>
    public IReadOnlyList<string> Frames { get; init; } = [];
    /// <summary>Frames beyond those listed.</summary>
    public int FramesNotListed { get; init; }

    /// <summary>
    /// The ICMP errors one router sent for one reason, seen at one lane, as one arrow (like a message's retransmissions:
    /// a router answers every copy); <paramref name="errors"/> is sorted by time here.
    /// </summary>
    public static LadderArrow ForIcmp(List<(IcmpError Error, long AlignedNs)> errors, string mac, string reason, int from, int to, int lane)
    {
        errors.Sort(static (a, b) => a.AlignedNs.CompareTo(b.AlignedNs));
        var (first, firstNs) = errors[0];
        return new LadderArrow
        {
            Kind = "icmp",
            Label = "ICMP " + reason,
            Detail = $"from {first.ReporterIp} ({mac}) · {Timestamps.Clock(firstNs)} · frame {first.Frame}",
            // Times sent, not copies seen: an error that two capture points saw was sent once.
            Copies = IcmpError.TimesSent(errors.Select(x => x.Error)),
            TimeNs = firstNs,
            From = from,
            To = to,
            SeenAt = lane >= 0 ? [lane] : [],
            Frames = errors.Take(Ladder.MaxFramesPerArrow).Select(x => x.Error.Frame.ToString()).ToList(),
            FramesNotListed = Math.Max(0, errors.Count - Ladder.MaxFramesPerArrow),
        };
    }
}
