using System.Collections.Immutable;

namespace PcapSipAnalyzer.Protocols.Sdp;

/// <summary>One m= section.</summary>
public sealed class SdpMedia
{
    /// <summary>audio, video, image, application…</summary>
    public string MediaType { get; set; } = "";
    public int Port { get; set; }
    /// <summary>RTP/AVP, RTP/SAVP, udptl…</summary>
    public string Protocol { get; set; } = "";
    /// <summary>The m= line's RTP payload types in order (an immutable array the parser may share between sections that list the same ones).</summary>
    public ImmutableArray<int> PayloadTypes { get; init; } = ImmutableArray<int>.Empty;
    /// <summary>Media-level c= address, null → the session-level one applies.</summary>
    public string? ConnectionAddress { get; set; }
    /// <summary>Media-level direction, null → the session-level one applies.</summary>
    public SdpDirection? Direction { get; set; }
    private Dictionary<int, SdpRtpMap>? _rtpMaps;

    /// <summary>
    /// a=rtpmap: payload type → (encoding name, clock rate). Made on first use: m= sections are kept with every
    /// copy of their message, and an empty dictionary per section was a third of their memory.
    /// </summary>
    public Dictionary<int, SdpRtpMap> RtpMaps => _rtpMaps ??= new();

    /// <summary>Whether any a=rtpmap was read (asking does not make <see cref="RtpMaps"/>).</summary>
    public bool HasRtpMaps => _rtpMaps is { Count: > 0 };
    /// <summary>a=rtcp port when given (RFC 3605); a=rtcp-mux presence.</summary>
    public int? RtcpPort { get; set; }
    public bool RtcpMux { get; set; }
}
