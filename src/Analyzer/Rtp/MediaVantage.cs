using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// What one capture point can judge of a call's media: whether the media path passes it at all, and what
/// the other points saw of the same call. Missing media is an error only where it was owed to this point.
/// </summary>
public sealed class MediaVantage
{
    /// <summary>True when media between the call's SDP addresses has to pass this capture point.</summary>
    public required Func<MediaSession, bool> OnPath { get; init; }

    /// <summary>Per Call-ID, the directions with media at any capture point.</summary>
    public required IReadOnlyDictionary<string, MediaDirections> SeenAnywhere { get; init; }

    /// <summary>Calls without media whose media path does not pass this point: no verdict here.</summary>
    public List<MediaSession> NotOnPath { get; } = new();

    /// <summary>The point holds SIP and no other UDP at all: it was filtered to signaling, so it cannot show media.</summary>
    public bool SignalingOnly { get; init; }

    /// <summary>Calls without media at a signaling-only point that no other point saw media of: no verdict here.</summary>
    public List<MediaSession> NotCaptured { get; } = new();

    /// <summary>
    /// Whether the point saw a non-SIP datagram to or from an address. None for either media endpoint of a call
    /// means the point did not capture that media at all, though it carried other hosts' datagrams.
    /// </summary>
    public Func<NetAddress, bool> SawDatagramsOf { get; init; } = static _ => true;

    /// <summary>Calls without media whose endpoints had not one non-SIP datagram here, that no other point saw media of.</summary>
    public List<MediaSession> EndpointsNotCaptured { get; } = new();
}
