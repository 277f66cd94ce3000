namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>A position of a <see cref="SlotIndex"/>: a key's hash and its slot + 1 (0 = empty, so a new array is all empty).</summary>
internal readonly record struct SlotIndexEntry(int Hash, int SlotPlusOne);
