using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>
/// What the first pass found of the selected call or client: the frames of the call's SIP messages, and the
/// conversations (address and port pairs, either way) that carry its media — the RTP streams its SDP
/// negotiated, their RTCP on the next port — and any TCP connection its SIP went over, kept whole so the
/// second pass can reassemble it.
/// </summary>
internal sealed class SelectedTraffic
{
    private readonly HashSet<FrameRef> _frames = new();
    private readonly HashSet<Conversation> _conversations = new();

    /// <summary>The Call-IDs the selection covers (the one given, or every call the client took part in).</summary>
    public HashSet<string> CallIds { get; } = new(StringComparer.Ordinal);

    public bool Contains(int capture, in DecodedFrame frame, long frameNumber) =>
        _frames.Contains(new FrameRef(capture, frameNumber))
        || (frame.Has(FrameLayers.Udp | FrameLayers.Tcp) && _conversations.Contains(Conversation.Of(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort)));

    public static SelectedTraffic From(AnalysisResult first, PacketSelection selection)
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
            if (t.Transport == Transport.Tcp && t.Requests.Count > 0)
            {
                var meta = t.Requests[0].Meta;
                traffic._conversations.Add(Conversation.Of(meta.SourceIp, meta.SourcePort, meta.DestinationIp, meta.DestinationPort));
            }
        }
        foreach (var call in first.Calls)
        {
            if (!traffic.CallIds.Contains(call.Session.CallId)) continue;
            foreach (var stream in call.ToOffer.Concat(call.ToAnswer).Concat(call.UnexpectedSources))
                traffic.AddMedia(stream.Key);
        }
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
