using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer.Voip;

/// <summary>One direction of a call's G.711 media: its identity, its impairments and what was written.</summary>
public sealed class RtpStream
{
    public RtpStream(Host source, ushort sourcePort, Host destination, ushort destinationPort, uint ssrc,
        int payloadType, RtpStreamTruth truth)
    {
        Source = source;
        SourcePort = sourcePort;
        Destination = destination;
        DestinationPort = destinationPort;
        Ssrc = ssrc;
        PayloadType = payloadType;
        Truth = truth;
    }

    public Host Source { get; }
    public ushort SourcePort { get; }
    public Host Destination { get; }
    public ushort DestinationPort { get; }
    public uint Ssrc { get; }
    public int PayloadType { get; }
    public RtpStreamTruth Truth { get; }

    /// <summary>The opposite direction, whose reception RTCP reports on.</summary>
    public RtpStream? Reverse { get; set; }

    public bool Active { get; set; } = true;
    public long StartTime { get; set; }
    public ushort FirstSequence { get; set; }
    public uint FirstTimestamp { get; set; }

    /// <summary>Index of the next packet (0 = first); the extended sequence number minus the first.</summary>
    public long NextIndex { get; set; }

    public double LossRate { get; set; }
    public long MaxJitter { get; set; }
    public long NextRtcp { get; set; }
    public int PayloadVariant { get; set; }

    public long FirstWritten { get; set; } = -1;
    public long LastWritten { get; set; } = -1;
    public long Packets { get; set; }
}
