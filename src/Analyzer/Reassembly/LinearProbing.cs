namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// The rule of backward-shift deletion in a linearly probed table, shared by the tables that remove that way: after
/// a removal leaves a hole, each entry further along the run moves into the hole unless its home position lies
/// (cyclically) after the hole and up to where it sits — then the hole would put it before its home, out of reach.
/// Every entry stays reachable from its home without tombstones.
/// </summary>
internal static class LinearProbing
{
    /// <summary>Whether the entry at <paramref name="at"/>, whose home is <paramref name="home"/>, must stay where it is.</summary>
    public static bool StaysPut(int hole, int at, int home) =>
        hole <= at ? hole < home && home <= at : hole < home || home <= at;
}
