namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// A damaged copy of a capture: its bytes, what was done to it, and how many packets the reader must still
/// report — those in records that end before the first damaged byte (null when that cannot be known, e.g.
/// inside gzip data). <see cref="ExactPackets"/> is set when the damage has one well-defined outcome.
/// </summary>
public sealed record DamagedFile(string Name, byte[] Bytes, long? PacketsBeforeDamage, long? ExactPackets = null)
{
    public override string ToString() => Name;
}
