namespace PcapSipAnalyzer.Protocols.Sdp;

/// <summary>a=rtpmap:PT encoding/clock[/channels].</summary>
public readonly record struct SdpRtpMap(string Encoding, int ClockRate, int Channels = 1);
