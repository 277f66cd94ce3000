namespace PcapSipAnalyzer.Synthesizer;

/// <summary>
/// The shape of the analyzer's address before its hash was seeded: a record struct of the same fields, so its
/// generated hash is the one the connection table used. Only for crafting colliding keys.
/// </summary>
public readonly record struct LegacyNetAddress(ulong High, ulong Low, bool IsV6);
