using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>
/// What the first pass found of the selected call or client: the frames of the call's SIP messages, and the
/// conversations (address and port pairs, either way) that carry its media — the RTP streams its SDP
/// negotiated, their RTCP on the next port. A call's TCP connection is kept in part: the segments that carry its
/// messages and those without payload (handshake, acknowledgments, FIN), which give the second pass the connection's
/// start and the acknowledgments that prove delivery; a client's calls keep theirs whole.
/// </summary>
internal sealed class SelectedTraffic
{
    private readonly HashSet<FrameRef> _frames = new();
    private readonly HashSet<Conversation> _conversations = new();
    private readonly HashSet<Conversation> _partConnections = new();
    private CallSegments? _segments;

    /// <summary>The Call-IDs the selection covers (the one given, or every call the client took part in).</summary>
    public HashSet<string> CallIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Some TCP connection is kept in part: the second pass must not wait for the segments left out.</summary>
    public bool KeepsPartsOfConnections => _partConnections.Count > 0;

    public bool Contains(int capture, in DecodedFrame frame, long frameNumber)
    {
        if (_frames.Contains(new FrameRef(capture, frameNumber))) return true;
        if (!frame.Has(FrameLayers.Udp | FrameLayers.Tcp)) return false;
        var conversation = Conversation.Of(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort);
        if (_conversations.Contains(conversation)) return true;
        return _segments is not null && frame.Has(FrameLayers.Tcp) && _partConnections.Contains(conversation)
            && (frame.PayloadLength == 0 || _segments.Covers(capture, frame, frameNumber));
    }

    /// <param name="segments">Where the selected call's messages lay on TCP, as the first pass framed them.</param>
    public static SelectedTraffic From(AnalysisResult first, PacketSelection selection, CallSegments? segments = null)
    {
        var traffic = new SelectedTraffic();
        var transactions = first.Points.SelectMany(p => p.Sip.Transactions).ToList();
        if (selection.CallId is { } callId) traffic.CallIds.Add(callId);
        if (selection.Client is { } client)
            foreach (var t in transactions)
                if (t.CallId is not null && t.Requests.Count > 0 && Involves(t.Requests[0].Meta, client))
                    traffic.CallIds.Add(t.CallId);

        // With --client the client's own SIP is kept by its address; with --call-id the call's messages by frame.
        foreach (var t in transactions)
        {
            if (t.CallId is null || !traffic.CallIds.Contains(t.CallId)) continue;
            if (selection.CallId is not null) traffic.AddMessages(t);
            if (selection.Client is not null && t.Transport == Transport.Tcp && t.Requests.Count > 0)
            {
                var meta = t.Requests[0].Meta;
                traffic._conversations.Add(Conversation.Of(meta.SourceIp, meta.SourcePort, meta.DestinationIp, meta.DestinationPort));
            }
        }
        if (segments is not null && selection.Client is null)
        {
            traffic._segments = segments;
            foreach (var (a, portA, b, portB) in segments.Connections()) traffic._partConnections.Add(Conversation.Of(a, portA, b, portB));
        }
        foreach (var call in first.Calls)
        {
            if (!traffic.CallIds.Contains(call.Session.CallId)) continue;
            foreach (var stream in call.ToOffer.Concat(call.ToAnswer).Concat(call.UnexpectedSources))
                traffic.AddMedia(stream.Key);
        }
        // A stream set up by the call's SDP is the call's (Wireshark's rtp.setup-frame), also where the linker gave it to
        // another session: a capture holding the same call twice has one stream per 5-tuple and SSRC over both copies.
        foreach (var stream in first.RtpStreams)
            if (stream.CallId is not null && traffic.CallIds.Contains(stream.CallId))
                traffic.AddMedia(stream.Key);
        return traffic;
    }

    private static bool Involves(in PacketMeta meta, ClientAddress client) =>
        client.Is(meta.SourceIp, meta.SourcePort) || client.Is(meta.DestinationIp, meta.DestinationPort);

    private void AddMessages(Transaction t)
    {
        foreach (var frame in t.RequestFrames) _frames.Add(frame);
        foreach (var frame in t.AckFrames) _frames.Add(frame);
        foreach (var group in t.Responses)
            foreach (var frame in group.Frames) _frames.Add(frame);
    }

    private void AddMedia(RtpStreamKey key)
    {
        _conversations.Add(Conversation.Of(key.Source, key.SourcePort, key.Destination, key.DestinationPort));
        // RTCP on the next port up (RFC 3550), unless the stream is already on an odd port or muxed.
        if (key.SourcePort % 2 == 0 && key.DestinationPort % 2 == 0)
            _conversations.Add(Conversation.Of(key.Source, (ushort)(key.SourcePort + 1), key.Destination, (ushort)(key.DestinationPort + 1)));
    }

    /// <summary>Two endpoints in a fixed order, so both directions of a conversation are one key.</summary>
    private readonly record struct Conversation(NetAddress A, ushort PortA, NetAddress B, ushort PortB)
    {
        public static Conversation Of(NetAddress source, ushort sourcePort, NetAddress destination, ushort destinationPort)
        {
            bool swap = source.High > destination.High || (source.High == destination.High &&
                (source.Low > destination.Low || (source.Low == destination.Low && sourcePort > destinationPort)));
            return swap ? new(destination, destinationPort, source, sourcePort) : new(source, sourcePort, destination, destinationPort);
        }
    }
}
