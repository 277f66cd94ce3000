using System.Globalization;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>--client IP[:PORT]: one client's address, with or without its SIP port (IPv6 as [addr]:port).</summary>
public readonly record struct ClientAddress(NetAddress Ip, ushort Port)
{
    /// <summary>True when <paramref name="ip"/>:<paramref name="port"/> is this client (any port when none was given).</summary>
    public bool Is(NetAddress ip, ushort port) => ip == Ip && (Port == 0 || port == Port);

    /// <summary>A decoded frame to or from the client. A later fragment has no ports: its address decides.</summary>
    public bool Matches(in DecodedFrame frame)
    {
        if (Port == 0 || (frame.Has(FrameLayers.Fragment) && !frame.Has(FrameLayers.Udp | FrameLayers.Tcp)))
            return frame.SourceIp == Ip || frame.DestinationIp == Ip;
        return Is(frame.SourceIp, frame.SourcePort) || Is(frame.DestinationIp, frame.DestinationPort);
    }

    public static bool TryParse(string text, out ClientAddress client)
    {
        client = default;
        var address = text.AsSpan();
        var port = ReadOnlySpan<char>.Empty;
        if (address.StartsWith("["))
        {
            int close = address.IndexOf(']');
            if (close < 0) return false;
            if (close + 1 < address.Length)
            {
                if (address[close + 1] != ':') return false;
                port = address[(close + 2)..];
            }
            address = address[1..close];
        }
        else if (address.IndexOf(':') is int colon and >= 0 && address.LastIndexOf(':') == colon)
        {
            port = address[(colon + 1)..];
            address = address[..colon];
        }
        if (!NetAddress.TryParse(address, out var ip)) return false;
        ushort number = 0;
        if (!port.IsEmpty && (!ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number == 0)) return false;
        client = new ClientAddress(ip, number);
        return true;
    }
}
