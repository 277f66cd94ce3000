using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A capture written by hand, packet by packet: every SIP message goes to the SIP engine (with its packet facts)
/// and, as a decoded frame, to the path evidence — what the pipeline does with a real capture.
/// </summary>
internal sealed class PathScenario
{
    private long _frame;
    private long _lastNs;
    private ushort _ipId = 100;

    public PathEvidence Evidence { get; } = new();
    public SipEngine Engine { get; } = new();

    public long Send(double seconds, string srcMac, string dstMac, string src, string dst, SipMessage message,
                     byte ttl = 64, ushort vlan = 0, Transport transport = Transport.Udp)
    {
        var (srcIp, srcPort) = Endpoint(src);
        var (dstIp, dstPort) = Endpoint(dst);
        var frame = TestFrames.Udp(srcMac, dstMac, srcIp, dstIp, ttl, srcPort, dstPort, vlan, _ipId++);
        long number = Packet(seconds, frame);
        var meta = new PacketMeta
        {
            Capture = 0, Frame = number, TimestampNs = Ns(seconds), SourceMac = frame.SourceMac, DestinationMac = frame.DestinationMac,
            Vlan = vlan, SourceIp = frame.SourceIp, DestinationIp = frame.DestinationIp, SourcePort = srcPort,
            DestinationPort = dstPort, Ttl = ttl, IpId = frame.IpId, Transport = transport,
        };
        Engine.OnMessage(meta, message);
        return number;
    }

    public long Packet(double seconds, DecodedFrame frame)
    {
        long number = ++_frame;
        _lastNs = Math.Max(_lastNs, Ns(seconds));
        Evidence.Observe(0, 0, number, Ns(seconds), in frame);
        return number;
    }

    public PathAnalysisResult Analyze(TopologyFile? topology = null, CredentialsFile? credentials = null)
    {
        Engine.Finish(_lastNs);
        return new PathAnalyzer(Evidence, topology, credentials).Analyze(Engine.Transactions, Engine.Registrations);
    }

    public static SipMessage Register(string client, long cseq, string branch, SipCredentials? credentials = null)
    {
        var (ip, port) = Endpoint(client);
        var m = new SipMessage
        {
            IsRequest = true, Method = "REGISTER", RequestUri = "sip:pbx", CallId = $"reg-{ip}", CSeq = cseq, CSeqMethod = "REGISTER",
            From = new SipNameAddress { Uri = $"sip:1001@pbx", Tag = "ft" }, To = new SipNameAddress { Uri = "sip:1001@pbx" },
        };
        m.Vias.Add(new SipVia { Transport = "UDP", Host = ip, Port = port, Branch = branch });
        if (credentials is not null) m.Credentials.Add(credentials);
        return m;
    }

    public static SipMessage Response(SipMessage request, int status, string reason, string? nonce = null)
    {
        var m = new SipMessage
        {
            IsRequest = false, StatusCode = status, ReasonPhrase = reason, CallId = request.CallId, CSeq = request.CSeq,
            CSeqMethod = request.Method, From = request.From, To = new SipNameAddress { Uri = request.To!.Uri, Tag = "tt" },
        };
        m.Vias.AddRange(request.Vias);
        if (nonce is not null) m.Challenges.Add(new SipChallenge { Realm = "pbx", Nonce = nonce });
        return m;
    }

    public static (string Ip, ushort Port) Endpoint(string text)
    {
        int colon = text.LastIndexOf(':');
        var ip = text[..colon].Trim('[', ']');
        return (ip, ushort.Parse(text[(colon + 1)..]));
    }

    private static long Ns(double seconds) => 1_700_000_000_000_000_000L + (long)(seconds * 1e9);
}
