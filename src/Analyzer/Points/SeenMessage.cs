namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// One transmission of a SIP message (a retransmission is another one) with every capture point that saw it,
/// in the order the message passed them: highest IP TTL first (each router on the way decrements it), then
/// time on the reference clock.
/// </summary>
public sealed class SeenMessage
{
    public MessageKind Kind { get; init; }
    /// <summary>Request method ("ACK" for an ACK), or the response's status as text.</summary>
    public required string Label { get; init; }
    public int Status { get; init; }
    public List<Sighting> Sightings { get; } = new();
    public MessageMatch Match { get; internal set; } = MessageMatch.Single;

    public Sighting First => Sightings[0];
    public Sighting Last => Sightings[^1];
    /// <summary>True when the first copy is a retransmission within its transaction.</summary>
    public bool IsRetransmission => Sightings[0].Message.IsRetransmission;

    public bool SeenAt(int point)
    {
        foreach (var s in Sightings) if (s.Point.Index == point) return true;
        return false;
    }

    internal void SortByHop() => Sightings.Sort(static (a, b) =>
        a.Message.Meta.Ttl != b.Message.Meta.Ttl ? b.Message.Meta.Ttl.CompareTo(a.Message.Meta.Ttl) : a.AlignedNs.CompareTo(b.AlignedNs));

    public override string ToString() => $"{Label} x{Sightings.Count} {Match}";
}
