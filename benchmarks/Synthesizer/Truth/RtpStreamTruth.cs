namespace PcapSipAnalyzer.Synthesizer.Truth;

/// <summary>One RTP stream (5-tuple + SSRC) as Wireshark's RTP stream analysis would count it.</summary>
public sealed class RtpStreamTruth
{
    public string Source { get; set; } = "";
    public int SourcePort { get; set; }
    public string Destination { get; set; } = "";
    public int DestinationPort { get; set; }
    public uint Ssrc { get; set; }
    public int PayloadType { get; set; }
    public string CallId { get; set; } = "";

    /// <summary>Packets in the capture.</summary>
    public long Packets { get; set; }

    /// <summary>Highest minus lowest extended sequence number seen, plus one.</summary>
    public long Expected { get; set; }

    /// <summary>Expected minus packets.</summary>
    public long Lost { get; set; }

    /// <summary>RTCP sender reports this stream's source sent.</summary>
    public long RtcpPackets { get; set; }
}
