namespace PcapSipAnalyzer.Synthesizer.Simulation;

/// <summary>A scheduled event: a kind, the entity it concerns (phone, call, stream, flow) and a step.</summary>
public readonly record struct SimEvent(EventKind Kind, int Id, int Arg);
