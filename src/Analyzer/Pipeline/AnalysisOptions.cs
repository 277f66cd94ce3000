namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>What the user can tune about an analysis (CLI options map onto these).</summary>
public sealed class AnalysisOptions
{
    /// <summary>UDP port range forced to be RTP (--rtp-ports), null for detection from SDP and heuristics.</summary>
    public (int Low, int High)? RtpPorts { get; set; }

    /// <summary>--topology FILE: subnets, gateways and host names.</summary>
    public string? TopologyFile { get; set; }

    /// <summary>--credentials FILE: user, realm, password, to verify digest responses.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>Loss above this percentage of a stream raises rtp-loss.</summary>
    public double RtpLossThresholdPercent { get; set; } = 5.0;

    /// <summary>Max jitter above this many ms raises rtp-jitter.</summary>
    public double RtpJitterThresholdMs { get; set; } = 30.0;
}
