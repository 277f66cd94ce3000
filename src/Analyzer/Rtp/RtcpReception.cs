using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Rtp;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// What RTCP receiver reports said about one source (RFC 3550 §6.4.1): the latest fraction lost, cumulative
/// lost, highest sequence and interarrival jitter, with the worst fraction seen. Fixed size.
/// </summary>
public sealed class RtcpReception
{
    internal RtcpReception(in RtcpReportKey key) => Key = key;

    public RtcpReportKey Key { get; }
    /// <summary>Where the reports came from (the receiver of the reported stream).</summary>
    public NetAddress ReporterAddress { get; internal set; }
    public ushort ReporterPort { get; internal set; }
    public long Reports { get; internal set; }
    public byte FractionLost { get; internal set; }
    public byte MaxFractionLost { get; internal set; }
    public int CumulativeLost { get; internal set; }
    public uint HighestSequence { get; internal set; }
    /// <summary>Interarrival jitter in timestamp units, as reported.</summary>
    public uint Jitter { get; internal set; }
    public uint MaxJitter { get; internal set; }
    /// <summary>The latest round trip of the reported source's sender reports, in ms; null when no report echoed one seen here.</summary>
    public double? RoundTripMs { get; internal set; }
    public FrameRef FirstFrame { get; internal set; }
    public FrameRef LastFrame { get; internal set; }

    public double FractionLostPercent => FractionLost * 100.0 / 256.0;

    /// <summary>Reported jitter in ms for a clock rate (Hz); null when the rate is unknown.</summary>
    public double? JitterMs(int clockRate) => clockRate > 0 ? Jitter * 1000.0 / clockRate : null;

    internal void Add(in RtcpReportBlock block, in PacketMeta meta)
    {
        if (Reports == 0)
            FirstFrame = meta.FrameRef;
        Reports++;
        LastFrame = meta.FrameRef;
        ReporterAddress = meta.SourceIp;
        ReporterPort = meta.SourcePort;
        FractionLost = block.FractionLost;
        if (block.FractionLost > MaxFractionLost)
            MaxFractionLost = block.FractionLost;
        CumulativeLost = block.CumulativeLost;
        HighestSequence = block.HighestSequence;
        Jitter = block.Jitter;
        if (block.Jitter > MaxJitter)
            MaxJitter = block.Jitter;
    }
}
