namespace PcapSipAnalyzer.Synthesizer;

/// <summary>The container the synthesizer writes.</summary>
public enum CaptureFileFormat
{
    /// <summary>Classic libpcap, little-endian, microsecond timestamps.</summary>
    Pcap,

    /// <summary>pcapng: one section, one Ethernet interface with if_tsresol = 9 (nanoseconds), EPBs.</summary>
    Pcapng,
}
