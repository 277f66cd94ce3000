namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>What a reference reader (libpcap or tshark) says about one packet. Data is null when not known.</summary>
internal sealed record ReferencePacket(long TimestampNs, int CapturedLength, int OriginalLength, byte[]? Data);
