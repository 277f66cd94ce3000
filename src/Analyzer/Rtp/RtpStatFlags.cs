namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>What the last packet of a stream was, as Wireshark's RTP analysis marks it.</summary>
[Flags]
public enum RtpStatFlags : ushort
{
    None = 0,
    First = 1 << 0,
    Marker = 1 << 1,
    WrongSequence = 1 << 2,
    /// <summary>Timestamp before the stream's first one, compared by serial arithmetic (RFC 3550 A.1).</summary>
    WrongTimestamp = 1 << 3,
    ComfortNoise = 1 << 4,
    FollowsComfortNoise = 1 << 5,
    PayloadTypeChange = 1 << 6,
    TelephoneEvent = 1 << 7,
}
