namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>What the last packet of a stream was, as Wireshark's RTP analysis marks it.</summary>
[Flags]
public enum RtpStatFlags : ushort
{
    None = 0,
    First = 1 << 0,
    Marker = 1 << 1,
    WrongSequence = 1 << 2,
    /// <summary>Timestamp before the stream's first one (or more than 2^31 after it).</summary>
    WrongTimestamp = 1 << 3,
    ComfortNoise = 1 << 4,
    FollowsComfortNoise = 1 << 5,
    PayloadTypeChange = 1 << 6,
    TelephoneEvent = 1 << 7,
}
