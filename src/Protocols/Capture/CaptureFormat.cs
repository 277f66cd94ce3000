namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>The container format of a capture file.</summary>
public enum CaptureFormat
{
    Unknown = 0,
    Pcap,
    Pcapng,
}
