using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// A REGISTER whose 401 leaves toward another next hop than the REGISTER came from, retransmitted (so the report
/// has a finding and a ladder), with markup, a spreadsheet formula and terminal escape sequences in every header a
/// report shows: display names, Call-ID, User-Agent, Server, the reason phrase and the realm; bidirectional
/// overrides and C1 controls in User-Agent and Server. The Call-ID
/// reaches the console (in the display filters), so its escapes are the ones a terminal would act on.
/// </summary>
public static class HostileTextCapture
{
    public const string Script = "<script>alert(1)</script>";
    public const string Image = "<img src=x onerror=alert(1)>";
    public const string Formula = "=HYPERLINK(\"http://x\",\"y\")";
    public const string ClearScreen = "\u001b[2J";
    public const string SetTitle = "\u001b]0;title\u0007";
    /// <summary>A right-to-left override (shows "exe.txt" reversed) and a C1 control sequence introducer.</summary>
    public const string Reorder = "\u202Etxt.exe\u202C\u009B2J";

    private static readonly byte[] Router = [0x02, 0xa0, 0, 0, 0, 0x01];
    private static readonly byte[] Pbx = [0x02, 0xa0, 0, 0, 0, 0x10];
    private static readonly byte[] WrongGateway = [0x02, 0xa0, 0, 0, 0, 0xfe];

    public static byte[] Pcap()
    {
        // REGISTER sip:192.168.0.10 SIP/2.0 … with the hostile strings in From, To, Call-ID and User-Agent;
        // SIP/2.0 401 <script>… with markup in the reason phrase, the realm and Server.
        string common =
            "Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK-hostile-1\r\n" +
            $"From: \"{Image}\" <sip:1001@192.168.0.10>;tag=a1\r\n" +
            $"To: \"{Script}\" <sip:1001@192.168.0.10>{{0}}\r\n" +
            $"Call-ID: {Formula}{ClearScreen}{SetTitle}\r\n" +
            "CSeq: 1 REGISTER\r\n";
        string register = "REGISTER sip:192.168.0.10 SIP/2.0\r\n" + string.Format(common, "") + "Max-Forwards: 70\r\n" +
                          "Contact: <sip:1001@192.168.1.20:5060>\r\n" +
                          $"User-Agent: {Script}{Image}{ClearScreen}{SetTitle}{Formula}{Reorder}\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n";
        // The status line carries markup only: a reason phrase with control characters is not parsed as SIP at all.
        string challenge = $"SIP/2.0 401 {Script}{Image}\r\n" + string.Format(common, ";tag=b2") +
                           $"WWW-Authenticate: Digest realm=\"{Image}\", nonce=\"n1\"\r\nServer: {Image}{ClearScreen}{Reorder}\r\nContent-Length: 0\r\n\r\n";
        var frames = new List<byte[]>();
        for (int copy = 0; copy < 5; copy++)
        {
            frames.Add(Frame(Router, Pbx, "192.168.1.20", "192.168.0.10", register, (ushort)(100 + copy), ttl: 63));
            frames.Add(Frame(Pbx, WrongGateway, "192.168.0.10", "192.168.1.20", challenge, (ushort)(200 + copy), ttl: 64));
        }
        return SyntheticCapture.PcapOf(frames);
    }

    private static byte[] Frame(byte[] source, byte[] destination, string from, string to, string sip, ushort id, byte ttl)
    {
        var udp = PacketBuilder.Udp(5060, 5060, System.Text.Encoding.UTF8.GetBytes(sip));
        var frame = PacketBuilder.Ethernet(0x0800, PacketBuilder.Ipv4(17, from, to, udp, id, ttl));
        destination.CopyTo(frame, 0);
        source.CopyTo(frame, 6);
        return frame;
    }
}
