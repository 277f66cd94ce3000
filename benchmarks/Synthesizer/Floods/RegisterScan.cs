using PcapSipAnalyzer.Synthesizer.Output;
using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;
using static PcapSipAnalyzer.Synthesizer.Simulation.TrafficProfile;

namespace PcapSipAnalyzer.Synthesizer;

/// <summary>
/// A SIPVicious-style scan of an internet-facing PBX as its uplink sees it: one REGISTER (every fifth an
/// OPTIONS) per source address, each source distinct and the sources spread over many /16s of private and
/// public-looking ranges, all arriving through one router MAC, with a routed TTL except every eighth (a
/// firewall or NAT in front that sets TTL 64 again). Most carry a scanner User-Agent (friendly-scanner,
/// sipvicious, sipcli), some none at all. A fraction (<see cref="SynthesisOptions.ScanAnswered"/>) is rejected
/// by the PBX with 401, 404 or 403; the rest is never answered. No source retransmits: scanners fire and move
/// on. The router never ARPs (as in a short field capture), so only its MAC names it; the capture ends with the
/// PBX asking for it 40 s after the last request, past timer F.
/// </summary>
public sealed class RegisterScan
{
    /// <summary>The router every scan packet comes through (and every answer goes back to).</summary>
    public ulong RouterMac { get; init; } = 0x02_5c_a7_00_00_01UL;

    /// <summary>The router's own address on the PBX's link, which the PBX asks for at the end.</summary>
    public uint RouterIp { get; init; } = Host.Ipv4(10, 10, 0, 1);

    /// <summary>Capture time of the first request, in ns since the epoch (to lay the scan over another capture).</summary>
    public long StartNs { get; init; } = CaptureStart;

    // First octets of the ranges the sources come from: a private one and public-looking ones.
    private static readonly int[] FirstOctets = [10, 45, 62, 77, 89, 103, 185, 212];
    private static readonly string?[] UserAgents = ["friendly-scanner", "friendly-scanner", "sipvicious", "sipcli/v1.8", null];
    private static readonly (int Status, string Reason)[] Rejections = [(401, "Unauthorized"), (404, "Not Found"), (403, "Forbidden")];
    private const long Spacing = 1_000_000; // 1 000 requests a second, as svwar sends them

    private readonly SynthesisOptions _options;
    private readonly SeededRandom _random;
    private readonly Host _pbx;
    private readonly AsciiText _text = new();
    private CaptureFileWriter _writer = null!;
    private long _now;

    public RegisterScan(SynthesisOptions options, SeededRandom random, Host pbx)
    {
        _options = options;
        _random = random;
        _pbx = pbx;
    }

    public FloodTruth Write(CaptureFileWriter writer, GroundTruth truth)
    {
        _writer = writer;
        _now = StartNs;
        long count = _options.FloodCount, answered = 0;
        for (long i = 0; i < count; i++)
        {
            var source = Source(i);
            string method = i % 5 == 4 ? "OPTIONS" : "REGISTER";
            ushort port = i % 3 == 0 ? (ushort)5060 : (ushort)(20000 + (int)(i % 40000));
            long extension = 100 + i % 900;
            string callId = _random.NextULong().ToString("x16");
            string branch = _random.NextULong().ToString("x16");
            string tag = _random.NextULong().ToString("x8");
            var t = _text.Clear();
            t.Append(method).Append(" sip:").Append(_pbx.Address).Line(" SIP/2.0");
            Headers(t, method, source, port, extension, callId, branch, tag, null);
            if (UserAgents[i / 3 % UserAgents.Length] is string userAgent) t.Append("User-Agent: ").Line(userAgent);
            t.Line("Content-Length: 0").Crlf();
            Send(source, port, _pbx, 5060);
            truth.Sip.CountRequest(method, false);
            truth.Traffic.Sip++;
            if (_options.ScanAnswered > 0 && _random.Chance(_options.ScanAnswered))
            {
                var (status, reason) = Rejections[answered++ % Rejections.Length];
                _now += 200_000;
                t = _text.Clear();
                t.Append("SIP/2.0 ").Append(status).Append(" ").Line(reason);
                Headers(t, method, source, port, extension, callId, branch, tag, i);
                t.Line("Server: IP Office").Line("Content-Length: 0").Crlf();
                Send(_pbx, 5060, source, port);
                truth.Sip.CountResponse(status, false);
                truth.Traffic.Sip++;
            }
            _now += Spacing;
        }
        // The capture goes on past timer F, so the last scan requests count as unanswered too.
        _now += 40_000_000_000;
        ArpRequest();
        truth.Traffic.Arp++;
        return new FloodTruth
        {
            Kind = "register-scan",
            Distinct = count,
            Bytes = answered,
            Description = "one REGISTER or OPTIONS per source address through one router MAC; Bytes = requests the PBX rejected",
        };
    }

    private void Headers(AsciiText t, string method, Host source, ushort port, long extension, string callId,
                         string branch, string tag, long? toTag)
    {
        t.Append("Via: SIP/2.0/UDP ").Append(source.Address).Append(":").Append(port).Append(";branch=z9hG4bK").Line(branch);
        t.Line("Max-Forwards: 70");
        t.Append("From: \"").Append(extension).Append("\" <sip:").Append(extension).Append("@").Append(_pbx.Address)
            .Append(">;tag=").Line(tag);
        t.Append("To: \"").Append(extension).Append("\" <sip:").Append(extension).Append("@").Append(_pbx.Address).Append(">");
        if (toTag is long toTagValue) t.Append(";tag=").AppendHex((ulong)toTagValue, 8);
        t.Crlf();
        t.Append("Call-ID: ").Line(callId);
        t.Append("CSeq: 1 ").Line(method);
        t.Append("Contact: <sip:").Append(extension).Append("@").Append(source.Address).Append(":").Append(port).Line(">");
        if (method == "REGISTER") t.Line("Expires: 3600");
    }

    private void ArpRequest()
    {
        var frame = _writer.FrameSpace(60);
        _writer.Commit(_now, FrameBuilder.WriteArp(frame, false, _pbx.LinkMac, _pbx.Ip, 0, RouterIp, true));
        _now += 1_000;
    }

    /// <summary>Frames from a scanner carry the router's MAC (its <see cref="Host.LinkMac"/>); answers go back to it.</summary>
    private void Send(Host from, ushort fromPort, Host to, ushort toPort)
    {
        var frame = _writer.FrameSpace(FrameBuilder.UdpPayloadOffset + _text.Length);
        _text.Span.CopyTo(frame[FrameBuilder.UdpPayloadOffset..]);
        _writer.Commit(_now, FrameBuilder.FinishUdp(frame, from, fromPort, to, toPort, _text.Length));
    }

    /// <summary>
    /// A distinct address per index: the index picks a range by its low bits and an odd multiplier spreads
    /// the rest over that range's 2^24 addresses (a bijection), so consecutive sources fall in different /16s.
    /// The TTL is one a host never starts with: the packet crossed routers.
    /// </summary>
    private Host Source(long index)
    {
        int range = (int)(index % FirstOctets.Length);
        uint rest = (uint)((ulong)(index / FirstOctets.Length + 1) * 0x9E3779B1UL) & 0xFF_FFFF;
        uint ip = ((uint)FirstOctets[range] << 24) | rest;
        byte ttl = index % 8 == 7 ? (byte)64 : (byte)(40 + index % 19);
        if (ttl == 60) ttl = 59;
        return new Host(ip, RouterMac, RouterMac, ttl, (ushort)index);
    }
}
