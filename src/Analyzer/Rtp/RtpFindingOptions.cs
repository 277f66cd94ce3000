namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>Thresholds of the media findings; the CLI lets a user set them.</summary>
public sealed class RtpFindingOptions
{
    /// <summary>rtp-loss when a stream lost more than this percentage of its expected packets. Default 5 %:
    /// about where G.711 without concealment becomes audibly choppy.</summary>
    public double LossPercent { get; set; } = 5.0;

    /// <summary>rtp-jitter when a stream's maximum jitter exceeds this (ms). Default 30 ms: more than a typical
    /// 20–40 ms jitter buffer absorbs.</summary>
    public double MaxJitterMs { get; set; } = 30.0;

    /// <summary>rtp-poor-quality (warning) when a stream's E-model MOS is below this. Default 3.6: G.107's
    /// "many users dissatisfied" (R 70).</summary>
    public double PoorMos { get; set; } = 3.6;

    /// <summary>rtp-poor-quality is an error below this MOS. Default 3.1: "nearly all users dissatisfied" (R 60).</summary>
    public double BadMos { get; set; } = 3.1;

    /// <summary>Streams with fewer packets are too short to judge loss and jitter on.</summary>
    public int MinPacketsForQuality { get; set; } = 10;

    /// <summary>Media counts for a call when it flows from this long before the SDP to this long after the end.</summary>
    public long SlackNs { get; set; } = 5_000_000_000;
}
