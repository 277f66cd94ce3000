namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>The media type of an SDP m= line (RFC 8866 §5.14) that carries RTP.</summary>
public enum MediaKind
{
    Audio,
    Video,
    Text,
    Application,
    /// <summary>A media type this table does not name (the SDP's word is not echoed: it comes off the wire).</summary>
    Other,
}
