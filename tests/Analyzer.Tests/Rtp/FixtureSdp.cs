using System.Text;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// A deliberately small SDP reader for the tests: finds "v=0" bodies in SIP datagrams and announces each RTP
/// m= line to the engine, as the SIP engine will. Our SIP/SDP parsers are built elsewhere; this only needs
/// c=, m=, a=rtpmap, a=rtcp, a=rtcp-mux and direction attributes.
/// </summary>
internal static class FixtureSdp
{
    public static bool TryAnnounce(RtpEngine engine, in FixturePackets.Datagram datagram)
    {
        var text = Encoding.Latin1.GetString(datagram.Payload);
        if (!text.StartsWith("SIP/2.0", StringComparison.Ordinal) && !text.Contains(" SIP/2.0\r\n", StringComparison.Ordinal))
            return false;
        int body = text.IndexOf("\r\n\r\nv=0", StringComparison.Ordinal);
        if (body < 0)
            return true;
        string? callId = Header(text, "Call-ID") ?? Header(text, "i");
        string? sessionAddress = null;
        var sessionDirection = SdpDirection.SendRecv;
        var medias = new List<(SdpMedia Media, string? Address)>();
        foreach (var rawLine in text[(body + 4)..].Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.Length < 2 || line[1] != '=')
                continue;
            var current = medias.Count > 0 ? medias[^1].Media : null;
            string value = line[2..];
            switch (line[0])
            {
                case 'c':
                    string address = value.Split(' ')[^1].Split('/')[0];
                    if (current is null)
                        sessionAddress = address;
                    else
                        medias[^1] = (current, address);
                    break;
                case 'm':
                    var parts = value.Split(' ');
                    var media = new SdpMedia { MediaType = parts[0], Port = int.Parse(parts[1].Split('/')[0]), Protocol = parts[2] };
                    foreach (var pt in parts.Skip(3))
                        if (int.TryParse(pt, out int n))
                            media.PayloadTypes.Add(n);
                    medias.Add((media, null));
                    break;
                case 'a':
                    var direction = value switch
                    {
                        "sendrecv" => SdpDirection.SendRecv,
                        "sendonly" => SdpDirection.SendOnly,
                        "recvonly" => SdpDirection.RecvOnly,
                        "inactive" => (SdpDirection?)SdpDirection.Inactive,
                        _ => null,
                    };
                    if (direction is { } d)
                    {
                        if (current is null) sessionDirection = d; else current.Direction = d;
                    }
                    else if (current is not null && value.StartsWith("rtpmap:", StringComparison.Ordinal))
                    {
                        var map = value[7..].Split(' ', 2);
                        var enc = map[1].Split('/');
                        current.RtpMaps[int.Parse(map[0])] = new SdpRtpMap(enc[0], enc.Length > 1 && int.TryParse(enc[1], out int r) ? r : 0);
                    }
                    else if (current is not null && value.StartsWith("rtcp:", StringComparison.Ordinal))
                    {
                        if (int.TryParse(value[5..].Split(' ')[0], out int port)) current.RtcpPort = port;
                    }
                    else if (current is not null && value == "rtcp-mux")
                    {
                        current.RtcpMux = true;
                    }
                    break;
            }
        }
        foreach (var (media, address) in medias)
        {
            string? a = address ?? sessionAddress;
            if (a is null || !media.Protocol.Contains("RTP", StringComparison.OrdinalIgnoreCase) || !NetAddress.TryParse(a, out var ip))
                continue;
            engine.ExpectMedia(new RtpEndpoint(ip, (ushort)media.Port), media, media.Direction ?? sessionDirection, callId,
                datagram.Meta.TimestampNs, datagram.Meta.FrameRef);
        }
        return true;
    }

    private static string? Header(string text, string name)
    {
        foreach (var line in text.Split("\r\n"))
        {
            if (line.Length == 0)
                break;
            int colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                return line[(colon + 1)..].Trim();
        }
        return null;
    }
}
