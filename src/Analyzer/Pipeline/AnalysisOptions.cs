using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>What the user can tune about an analysis (CLI options map onto these).</summary>
public sealed class AnalysisOptions
{
    /// <summary>UDP port range forced to be RTP (--rtp-ports), null for detection from SDP and heuristics.</summary>
    public RtpPortRange? RtpPorts { get; set; }

    /// <summary>--topology FILE: subnets, gateways and host names (JSON or YAML).</summary>
    public string? TopologyFile { get; set; }

    /// <summary>--credentials FILE: user, realm, password, to verify digest responses.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>
    /// Read and decode on one thread, run the SIP/RTP engines on another (when there is more than one core).
    /// The result is the same either way; off is for measuring and for debugging the engines in one thread.
    /// </summary>
    public bool Pipelined { get; set; } = true;

    /// <summary>The packets to analyse (--filter, --from/--to, --call-id, --client); empty = all.</summary>
    public Selection.PacketSelection Selection { get; set; } = new();

    /// <summary>Thresholds of the media findings (--rtp-loss, --rtp-jitter).</summary>
    public RtpFindingOptions RtpFindings { get; set; } = new();

    /// <summary>Which thread parses SIP over UDP when pipelined; always balanced from the CLI.</summary>
    internal SipParsing SipParsing { get; init; } = SipParsing.Balanced;

    /// <summary>The caps of the analysis's state; always the defaults from the CLI.</summary>
    internal AnalysisLimits Limits { get; init; } = new();

    /// <summary>
    /// Opens each input's bytes instead of its path (null = the file, or stdin for "-"): the fuzz target analyses
    /// a capture held in memory, through the same entry as the CLI.
    /// </summary>
    internal Func<CaptureInput, Stream>? OpenInput { get; init; }
}
