namespace PcapSipAnalyzer.Synthesizer.Truth;

/// <summary>What a flood capture holds.</summary>
public sealed class FloodTruth
{
    public string Kind { get; set; } = "";

    /// <summary>Distinct Call-IDs, UDP flows, TCP connections or incomplete datagrams.</summary>
    public long Distinct { get; set; }

    /// <summary>For huge-header: the header line's length; for tcp-endless: bytes per stream; for register-scan: requests rejected.</summary>
    public long Bytes { get; set; }

    public string Description { get; set; } = "";
}
