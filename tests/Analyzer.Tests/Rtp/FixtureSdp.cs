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
        bool sip = text.StartsWith("SIP/2.0", StringComparison.Ordinal) || text.Contains(" SIP/2.0\r\n", StringComparison.Ordinal);
        // MGCP (RFC 3435) carries SDP too, separated by an empty line of bare LFs.
        bool mgcp = text.Contains(" MGCP 1.0", StringComparison.Ordinal);
        // Megaco (H.248) text puts SDP inside braces: L{v=0 … }.
        bool megaco = text.StartsWith("!/1", StringComparison.Ordinal) || text.StartsWith("MEGACO/1", StringComparison.Ordinal);
        if (!sip && !mgcp && !megaco)
            return false;
        int body = megaco ? text.IndexOf("{v=0", StringComparison.Ordinal) : text.IndexOf("\nv=0", StringComparison.Ordinal);
        if (body < 0 || (!megaco && text[body - 1] != '\n' && !(text[body - 1] == '\r' && text[body - 2] == '\n')))
            return true;
        if (megaco)
            text = text.Replace("{v=0", "\nv=0").Replace("}", "\n");
        string? callId = Header(text, "Call-ID") ?? Header(text, "i");
        string? sessionAddress = null;
        var sessionDirection = SdpDirection.SendRecv;
        var medias = new List<(SdpMedia Media, string? Address)>();
        bool inMedia = false;
        foreach (var rawLine in text[(body + 1)..].Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.Length < 2 || line[1] != '=')
                continue;
            if (line[0] == 'v')
            {
                // Another SDP body (multipart): its session lines start afresh.
                inMedia = false;
                sessionAddress = null;
                sessionDirection = SdpDirection.SendRecv;
                continue;
            }
            try
            {
                ReadLine(line, medias, ref inMedia, ref sessionAddress, ref sessionDirection);
            }
            catch (FormatException)
            {
                // fuzzed SDP: skip the line, as Wireshark skips what it cannot read
            }
            catch (IndexOutOfRangeException)
            {
            }
        }
        foreach (var (media, address) in medias)
        {
            string? a = address;
            if (a is null || !NetAddress.TryParse(a, out var ip) || media.Port is <= 0 or > ushort.MaxValue)
                continue;
            engine.ExpectMedia(new RtpEndpoint(ip, (ushort)media.Port), media, media.Direction ?? sessionDirection, callId,
                datagram.Meta.TimestampNs, datagram.Meta.FrameRef);
        }
        return true;
    }

    private static void ReadLine(string line, List<(SdpMedia Media, string? Address)> medias, ref bool inMedia,
        ref string? sessionAddress, ref SdpDirection sessionDirection)
    {
        {
            var current = inMedia ? medias[^1].Media : null;
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
                    var media = new SdpMedia
                    {
                        MediaType = parts[0], Port = int.Parse(parts[1].Split('/')[0]), Protocol = parts[2],
                        PayloadTypes = [.. parts.Skip(3).Where(pt => int.TryParse(pt, out _)).Select(int.Parse)],
                    };
                    medias.Add((media, sessionAddress));
                    inMedia = true;
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
