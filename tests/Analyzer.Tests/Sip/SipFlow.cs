using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sdp;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// Builds SIP messages the way a parser would hand them over and feeds them to a <see cref="SipEngine"/> with
/// numbered frames and capture times, so a test reads like the ladder diagram it describes.
/// </summary>
internal sealed class SipFlow
{
    public const long Second = 1_000_000_000;
    public static readonly long T0 = 1_700_000_000L * Second;

    public SipFlow(SipEngineOptions? options = null) => Engine = new SipEngine(options);

    public SipEngine Engine { get; }
    public long Frame { get; private set; }

    /// <summary>Feeds <paramref name="message"/> at T0 + <paramref name="seconds"/> from one "ip:port" to another.</summary>
    public long Send(double seconds, string from, string to, SipMessage message, Transport transport = Transport.Udp,
        ulong sourceMac = 0x0000_5e00_5301, ulong destinationMac = 0x0000_5e00_5302)
    {
        var meta = Meta(++Frame, seconds, from, to, transport, sourceMac, destinationMac);
        Engine.OnMessage(meta, message);
        return Frame;
    }

    public void Finish(double seconds) => Engine.Finish(T0 + (long)(seconds * Second));

    /// <summary>The <paramref name="i"/>th INVITE of a flood: a Call-ID, From tag and source of its own, never answered.</summary>
    public void SendFloodInvite(int i, double seconds, string to)
    {
        var source = $"10.30.{i / 250 % 250}.{i % 250 + 1}:5060";
        Send(seconds, source, to, Request("INVITE", $"flood-{i}", 1, $"z9hG4bK-f{i}", source, fromTag: $"t{i}", toUri: "sip:1000@pbx.example"));
    }

    public static PacketMeta Meta(long frame, double seconds, string from, string to, Transport transport = Transport.Udp,
        ulong sourceMac = 0x0000_5e00_5301, ulong destinationMac = 0x0000_5e00_5302)
    {
        var (sip, sport) = Split(from);
        var (dip, dport) = Split(to);
        return new PacketMeta
        {
            Capture = 0,
            Frame = frame,
            TimestampNs = T0 + (long)Math.Round(seconds * Second),
            SourceMac = new MacAddress(sourceMac),
            DestinationMac = new MacAddress(destinationMac),
            SourceIp = sip,
            DestinationIp = dip,
            SourcePort = sport,
            DestinationPort = dport,
            Ttl = 64,
            IpId = (ushort)frame,
            Transport = transport,
        };
    }

    private static (NetAddress, ushort) Split(string endpoint)
    {
        int colon = endpoint.LastIndexOf(':');
        return (NetAddress.Parse(endpoint[..colon]), ushort.Parse(endpoint[(colon + 1)..]));
    }

    /// <summary>A request as a parser would produce it; <paramref name="branch"/> null = no branch parameter.</summary>
    public static SipMessage Request(string method, string callId, long cseq, string? branch, string viaSentBy,
        string fromUri = "sip:201@pbx.example", string fromTag = "ftag", string toUri = "sip:201@pbx.example",
        string? toTag = null, string? cseqMethod = null)
    {
        var m = new SipMessage
        {
            IsRequest = true,
            Method = method,
            RequestUri = method == "REGISTER" ? "sip:pbx.example" : toUri,
            CallId = callId,
            CSeq = cseq,
            CSeqMethod = cseqMethod ?? method,
            From = new SipNameAddress { Uri = fromUri, Tag = fromTag },
            To = new SipNameAddress { Uri = toUri, Tag = toTag },
            UserAgent = "TestPhone/1.0",
        };
        int colon = viaSentBy.LastIndexOf(':');
        m.Vias.Add(new SipVia
        {
            Transport = "UDP",
            Host = viaSentBy[..colon],
            Port = int.Parse(viaSentBy[(colon + 1)..]),
            Branch = branch,
        });
        return m;
    }

    /// <summary>The response a server builds for <paramref name="request"/> (Via, From, To, Call-ID, CSeq copied).</summary>
    public static SipMessage Response(SipMessage request, int status, string? toTag = null, string reason = "")
    {
        var m = new SipMessage
        {
            IsRequest = false,
            StatusCode = status,
            ReasonPhrase = reason,
            CallId = request.CallId,
            CSeq = request.CSeq,
            CSeqMethod = request.CSeqMethod,
            From = request.From,
            To = new SipNameAddress { Uri = request.To!.Uri, Tag = toTag ?? request.To.Tag },
            Server = "TestPbx/2.0",
        };
        m.Vias.AddRange(request.Vias);
        return m;
    }

    public static SipMessage Challenge(SipMessage request, int status = 401, bool stale = false, string realm = "pbx.example")
    {
        var m = Response(request, status, "srvtag");
        m.Challenges.Add(new SipChallenge { IsProxy = status == 407, Realm = realm, Nonce = "n" + request.CSeq, Stale = stale });
        return m;
    }

    public static SipMessage WithCredentials(SipMessage request, string user = "201", string realm = "pbx.example")
    {
        request.Credentials.Add(new SipCredentials { Username = user, Realm = realm, Nonce = "n", Response = "0123456789abcdef" });
        return request;
    }

    public static SipMessage WithContact(SipMessage message, string uri, int? expires)
    {
        message.Contacts.Add(new SipContact { Uri = uri, Expires = expires });
        return message;
    }

    public static SipMessage WithSdp(SipMessage message, string address, int port, params int[] payloadTypes)
    {
        var media = new SdpMedia { MediaType = "audio", Port = port, Protocol = "RTP/AVP", PayloadTypes = [.. payloadTypes] };
        foreach (int pt in payloadTypes)
            if (pt == 0) media.RtpMaps[0] = new SdpRtpMap("PCMU", 8000);
        var sdp = new SdpSession { ConnectionAddress = address, OriginAddress = address, Media = [media] };
        message.Sdp = sdp;
        message.ContentType = "application/sdp";
        return message;
    }
}
