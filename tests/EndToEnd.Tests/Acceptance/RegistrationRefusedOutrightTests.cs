using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// A phone configured with an extension the PBX has not got is answered 404 Not Found, with no challenge; one the PBX's
/// rules refuse, 403 Forbidden. Both read "sent credentials for user ?", "the registrar refused the password …
/// Correct the password configured on the phone" — though no password was ever asked for or checked.
/// </summary>
public class RegistrationRefusedOutrightTests
{
    [Theory]
    [InlineData(404, "Not Found", "answered the REGISTERs of 1 client (10.10.1.20:5060) with 404 Not Found before asking for a password: it does not know their users.",
        "Check the extension (user name) configured on the phone")]
    [InlineData(403, "Forbidden", "refused the registrations of 1 client (10.10.1.20:5060) before asking for a password (403).",
        "Look at the registrar's rules for these addresses and users")]
    public void A_register_refused_before_any_challenge_is_no_password_to_correct(int status, string reason, string summary, string fix)
    {
        var frames = new List<(long, byte[])>();
        long t = SyntheticCapture.StartNs;
        for (int i = 0; i < 3; i++)
        {
            // The phone retries every 30 s under its one Call-ID, as a phone does; the registrar refuses each at once.
            string common = "From: <sip:2099@10.10.0.10>;tag=ph1\r\nCall-ID: reg1@10.10.1.20\r\n" + $"CSeq: {i + 1} REGISTER\r\n";
            frames.Add((t += 30_000_000_000, Frame("10.10.1.20", "10.10.0.10", $"REGISTER sip:10.10.0.10 SIP/2.0\r\nVia: SIP/2.0/UDP 10.10.1.20:5060;branch=z9hG4bKr{i}\r\n"
                + common + "To: <sip:2099@10.10.0.10>\r\nContact: <sip:2099@10.10.1.20:5060>\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n")));
            frames.Add((t += 3_000_000, Frame("10.10.0.10", "10.10.1.20", $"SIP/2.0 {status} {reason}\r\nVia: SIP/2.0/UDP 10.10.1.20:5060;branch=z9hG4bKr{i}\r\n"
                + common + "To: <sip:2099@10.10.0.10>;tag=s\r\nContent-Length: 0\r\n\r\n")));
        }
        using var folder = new TempFolder();
        string capture = folder.File("refused.pcap"), json = folder.File("refused.json");
        File.WriteAllBytes(capture, SyntheticCapture.PcapOf(frames));
        var run = PcapsipCli.Run("analyze", capture, "--no-progress", "--json", json).Succeeded();

        using var report = JsonDocument.Parse(File.ReadAllBytes(json));
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("registration-refused", cause.GetProperty("kind").GetString());
        Assert.Equal("The registrar 10.10.0.10 " + summary, cause.GetProperty("summary").GetString());
        Assert.StartsWith(fix, cause.GetProperty("fix").GetString());
        Assert.DoesNotContain("password configured", cause.GetProperty("fix").GetString());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.DoesNotContain("sent credentials", finding.GetProperty("explanation").GetString());
        Assert.Contains("before asking for any password", finding.GetProperty("summary").GetString());
        Assert.False(finding.GetProperty("details").GetProperty("credentials_sent").GetBoolean());
        Assert.StartsWith("No routing problem found: the registrar refused the registration of 1 client (C1) before asking for a password; ",
            run.Output.Split('\n')[0]);
    }

    private static byte[] Frame(string source, string destination, string sip) =>
        PacketBuilder.Ethernet(0x0800, PacketBuilder.Ipv4(17, source, destination, PacketBuilder.Udp(5060, 5060, PacketBuilder.Ascii(sip))));
}
