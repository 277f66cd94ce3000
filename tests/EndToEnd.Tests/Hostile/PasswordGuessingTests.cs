using System.Text.Json;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.EndToEnd.Tests.Hostile.FloodTests;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// A program trying passwords for an extension (svcrack with its User-Agent changed) is refused over and over, each
/// attempt a registration of its own. It was reported as "a genuine credentials failure: correct the password on the
/// phone". It is an attack to block, told apart from a phone whose password is wrong, which stays what it was.
/// </summary>
public class PasswordGuessingTests
{
    [Fact]
    public void Guesses_refused_in_a_burst_are_password_guessing_not_a_phone_to_reconfigure()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.PasswordGuessing, o => o.FloodCount = 300);
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder.Path, "PasswordGuessing.truth.json")));
        long guesses = truth.RootElement.GetProperty("flood").GetProperty("distinct").GetInt64();
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("password-guessing", cause.GetProperty("kind").GetString());
        Assert.Equal("info", cause.GetProperty("severity").GetString());
        Assert.StartsWith($"Password guessing: 203.0.113.50:5060 tried {guesses} times in ", cause.GetProperty("summary").GetString());
        Assert.DoesNotContain("Correct the password", cause.GetProperty("fix").GetString());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("registration-rejected", finding.GetProperty("kind").GetString());
        var details = finding.GetProperty("details");
        Assert.True(details.GetProperty("password_guessing").GetBoolean());
        Assert.Equal(guesses, details.GetProperty("attempts").GetInt64());
        // The first line names it as the attack it is, not as a phone's refused password.
        string verdict = run.Stdout.Split('\n')[0];
        Assert.StartsWith("No routing or registration problem found: ", verdict);
        Assert.EndsWith("the password guessing below (C1) is an attack to block at the edge, not a fault of the phones.", verdict);
        // Its client is the one guessing, not one the fault hit.
        Assert.Contains("  clients   203.0.113.50:5060 (1 guessing)", run.Stdout.Split('\n'));
        // Its filter shows every attempt: all the capture's SIP, as tshark reads it.
        string filter = finding.GetProperty("wireshark_filter").GetString()!;
        Assert.Equal(Tshark.Fields(capture, "sip", ["frame.number"]).Count, Tshark.Fields(capture, filter, ["frame.number"]).Count);
    }

    [Fact]
    public void Beside_a_guesser_and_a_scan_the_phones_with_a_wrong_password_are_still_a_credentials_failure()
    {
        // The lab's phones whose passwords the PBX refuses, a password guesser and a REGISTER scan, each its own point.
        using var folder = new TempFolder();
        var guessing = Synthesize(folder, FloodKind.PasswordGuessing, o => o.FloodCount = 100);
        var scan = Synthesize(folder, FloodKind.RegisterScan, o => o.FloodCount = 2_000);
        string lab = Fixtures.PathOf("lab/genuine-wrong-password/pbx-uplink.pcap");
        var json = Path.Combine(folder.Path, "all.json");
        var run = PcapsipProcess.Run(["analyze", "--no-progress", "--json", json, "--point", "guess=" + guessing, "--point", "scan=" + scan, "--point", "uplink=" + lab]);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(0, run.ExitCode);

        using var report = JsonDocument.Parse(File.ReadAllBytes(json));
        var causes = report.RootElement.GetProperty("causes").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!);
        Assert.Equal(["credentials-rejected", "password-guessing", "sip-scan"], causes.Keys.Order(StringComparer.Ordinal));
        // The lab's two phones with a wrong password: the guesser is not among them.
        var refused = causes["credentials-rejected"];
        Assert.Equal(2, refused.GetProperty("client_count").GetInt32());
        Assert.DoesNotContain("203.0.113.50:5060", refused.GetProperty("clients").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["203.0.113.50:5060"], causes["password-guessing"].GetProperty("clients").EnumerateArray().Select(c => c.GetString()));
        string verdict = run.Stdout.Split('\n')[0];
        Assert.StartsWith("No routing problem found: the registrar refused the password of 2 clients", verdict);
        Assert.Contains("password guessing", verdict);
    }

    [Fact]
    public void Addresses_taking_turns_at_one_user_are_password_guessing_together()
    {
        // 500 addresses behind one router MAC, 4 guesses each for extension 2001: none is a guesser alone.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.DistributedGuessing, o => o.FloodCount = 2_000);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("password-guessing", cause.GetProperty("kind").GetString());
        Assert.Equal(500, cause.GetProperty("client_count").GetInt32());
        string summary = cause.GetProperty("summary").GetString()!;
        Assert.StartsWith("Password guessing at the registrar 10.10.0.10: 500 sources (", summary);
        Assert.EndsWith(" made 2,000 attempts to register as user 2001, every one refused.", summary);
        string fix = cause.GetProperty("fix").GetString()!;
        Assert.StartsWith("Allow registrations only from your own networks", fix);
        Assert.DoesNotContain("Correct the password", fix);
        var details = report.RootElement.GetProperty("findings")[0].GetProperty("details");
        Assert.True(details.GetProperty("password_guessing").GetBoolean());
        Assert.Equal(4, details.GetProperty("attempts").GetInt32());
        Assert.Equal(500, details.GetProperty("guessing_sources").GetInt32());
        Assert.Equal(2_000, details.GetProperty("attempts_all_sources").GetInt32());
        Assert.EndsWith("the password guessing below (C1) is an attack to block at the edge, not a fault of the phones.", run.Stdout.Split('\n')[0]);
        // Its filter shows every attempt of every address (too many to list), as tshark reads it.
        string filter = cause.GetProperty("wireshark_filter").GetString()!;
        Assert.Equal("ip.addr == 10.10.0.10 && sip.CSeq.method == \"REGISTER\" && sip.from.user == \"2001\"", filter);
        Assert.Equal(Tshark.Fields(capture, "sip", ["frame.number"]).Count, Tshark.Fields(capture, filter, ["frame.number"]).Count);
    }

    [Fact]
    public void Many_phones_sharing_an_account_with_its_old_password_are_not_guessing()
    {
        // The same 500 addresses one registration each: phones that share extension 2001 and all keep the password it
        // had, each retrying under its own Call-ID, as a phone does. A credentials failure, however fast they come.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.DistributedGuessing, o => o.FloodCount = 500);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("credentials-rejected", cause.GetProperty("kind").GetString());
        Assert.Equal(500, cause.GetProperty("client_count").GetInt32());
        Assert.False(report.RootElement.GetProperty("findings")[0].GetProperty("details").TryGetProperty("password_guessing", out _));
        Assert.StartsWith("No routing problem found: the registrar refused the password of 500 clients", run.Stdout.Split('\n')[0]);
    }

    [Fact]
    public void Addresses_taking_turns_over_many_users_are_password_spraying()
    {
        // 200 addresses behind one router MAC, two guesses each for two of 40 extensions: 10 guesses per user, 2 per
        // address, so neither a user nor an address alone makes the 20 attempts that tell a guesser.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.PasswordSpraying, o => o.FloodCount = 400);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("password-guessing", cause.GetProperty("kind").GetString());
        Assert.Equal(200, cause.GetProperty("client_count").GetInt32());
        string summary = cause.GetProperty("summary").GetString()!;
        Assert.StartsWith("Password spraying at the registrar 10.10.0.10: 200 sources (", summary);
        Assert.EndsWith(" made 400 attempts to register as 40 users, every one refused.", summary);
        Assert.DoesNotContain("Correct the password", cause.GetProperty("fix").GetString());
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(200, findings.Count);
        Assert.All(findings, f =>
        {
            var details = f.GetProperty("details");
            Assert.True(details.GetProperty("password_guessing").GetBoolean());
            Assert.Equal(2, details.GetProperty("attempts").GetInt32());
            Assert.Equal(200, details.GetProperty("guessing_sources").GetInt32());
            Assert.Equal(400, details.GetProperty("attempts_all_sources").GetInt32());
            Assert.Equal(40, details.GetProperty("users_all_sources").GetInt32());
            Assert.False(details.TryGetProperty("attempts_at_least", out _));
            Assert.StartsWith("Password spraying from 200 addresses: ", f.GetProperty("summary").GetString());
        });
        Assert.EndsWith("the password guessing below (C1) is an attack to block at the edge, not a fault of the phones.", run.Stdout.Split('\n')[0]);
        // Its filter names the 40 users and shows every attempt of every address, as tshark reads it.
        string filter = cause.GetProperty("wireshark_filter").GetString()!;
        Assert.StartsWith("ip.addr == 10.10.0.10 && sip.CSeq.method == \"REGISTER\" && sip.from.user in {\"2001\",\"2002\",", filter);
        Assert.Equal(Tshark.Fields(capture, "sip", ["frame.number"]).Count, Tshark.Fields(capture, filter, ["frame.number"]).Count);
    }

    [Fact]
    public void A_spray_longer_than_the_registrations_kept_is_counted_as_at_least()
    {
        // 12 000 guesses: more registrations than the report keeps (10 000, fewer within its byte budget). What was
        // counted is what was kept, and the report says so rather than give the part as the whole.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.PasswordSpraying, o => o.FloodCount = 12_000);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        Assert.True(report.RootElement.GetProperty("state_evictions").GetProperty("sip-registrations-not-retained").GetInt64() > 0);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        string summary = cause.GetProperty("summary").GetString()!;
        Assert.Matches(@"^Password spraying at the registrar 10\.10\.0\.10: 200 sources \(.*\) made at least [0-9,]+ attempts to register as 40 users, every one refused\.$", summary);
        long counted = long.Parse(summary.Split("made at least ")[1].Split(' ')[0].Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(counted, 1, 12_000 - 1);
        var finding = report.RootElement.GetProperty("findings")[0];
        Assert.True(finding.GetProperty("details").GetProperty("attempts_at_least").GetBoolean());
        Assert.Contains(" at least ", finding.GetProperty("summary").GetString());
        Assert.EndsWith("these counts and this pace are of the ones kept.", finding.GetProperty("explanation").GetString());
    }

    [Fact]
    public void Phones_refused_on_their_own_lines_are_not_spraying()
    {
        // As many users, addresses, attempts and as fast as the spray above, each attempt a registration of its own; but
        // each phone tries its own two lines and no user is tried from two addresses: phones with wrong passwords.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.LinesRefused, o => o.FloodCount = 800);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("credentials-rejected", cause.GetProperty("kind").GetString());
        Assert.Equal(200, cause.GetProperty("client_count").GetInt32());
        Assert.StartsWith("Correct the password", cause.GetProperty("fix").GetString());
        Assert.All(report.RootElement.GetProperty("findings").EnumerateArray(),
            f => Assert.False(f.GetProperty("details").TryGetProperty("password_guessing", out _)));
        Assert.StartsWith("No routing problem found: the registrar refused the password of 200 clients", run.Stdout.Split('\n')[0]);
    }

    [Fact]
    public void A_phone_with_a_wrong_password_for_the_user_a_botnet_guesses_stays_a_phone()
    {
        // 500 addresses guess extension 2001's password; meanwhile the site's phone 10.10.1.20, configured as 2001 with
        // a wrong password, retries every 5 s under its one Call-ID, as a phone does. It is no guesser.
        using var folder = new TempFolder();
        var bots = Synthesize(folder, FloodKind.DistributedGuessing, o => o.FloodCount = 2_000);
        var frames = new List<(long, byte[])>();
        long t = PcapMerge.FirstTimestampNs(bots) + 1_000_000_000;
        for (int i = 0; i < 3; i++, t += 5_000_000_000)
        {
            string common = "From: <sip:2001@10.10.0.10>;tag=ph1\r\nCall-ID: phone-2001@10.10.1.20\r\n";
            for (int step = 0; step < 2; step++)
            {
                int cseq = 2 * i + step + 1;
                string via = $"Via: SIP/2.0/UDP 10.10.1.20:5060;branch=z9hG4bKph{cseq}\r\n";
                string auth = step == 1 ? "Authorization: Digest username=\"2001\", realm=\"pbx\", nonce=\"n1\", uri=\"sip:10.10.0.10\", response=\"0123456789abcdef0123456789abcdef\"\r\n" : "";
                frames.Add((t + step * 20_000_000, Frame("10.10.1.20", "10.10.0.10", $"REGISTER sip:10.10.0.10 SIP/2.0\r\n{via}{common}To: <sip:2001@10.10.0.10>\r\n"
                    + $"CSeq: {cseq} REGISTER\r\nContact: <sip:2001@10.10.1.20:5060>\r\n{auth}Content-Length: 0\r\n\r\n")));
                string answer = step == 0 ? "401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"pbx\", nonce=\"n1\"" : "403 Forbidden";
                frames.Add((t + step * 20_000_000 + 2_000_000, Frame("10.10.0.10", "10.10.1.20", $"SIP/2.0 {answer}\r\n{via}{common}To: <sip:2001@10.10.0.10>;tag=s\r\n"
                    + $"CSeq: {cseq} REGISTER\r\nContent-Length: 0\r\n\r\n")));
            }
        }
        string phone = Path.Combine(folder.Path, "phone.pcap"), merged = Path.Combine(folder.Path, "merged.pcap");
        File.WriteAllBytes(phone, SyntheticCapture.PcapOf(frames));
        PcapMerge.Merge(merged, bots, phone);
        var (run, report) = Analyze(folder, merged);

        AssertBounded(run);
        var causes = report.RootElement.GetProperty("causes").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!);
        Assert.Equal(["credentials-rejected", "password-guessing"], causes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(500, causes["password-guessing"].GetProperty("client_count").GetInt32());
        Assert.StartsWith("Password guessing at the registrar 10.10.0.10: 500 sources (", causes["password-guessing"].GetProperty("summary").GetString());
        Assert.Equal(["10.10.1.20:5060"], causes["credentials-rejected"].GetProperty("clients").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("Correct the password", causes["credentials-rejected"].GetProperty("fix").GetString());
    }

    [Theory]
    [InlineData(1)] // its boot alone: the 24 lines within half a second, each once
    [InlineData(10)] // and then each line retrying every 30 s under the Call-ID it keeps
    public void A_gateways_lines_refused_at_boot_are_a_credentials_failure_that_names_every_line(int rounds)
    {
        // One address, 24 users, each a registration of its own, in a burst: as many attempts as fast as a guesser's,
        // but one per line. Told as guessing, the fix was to block the site's own gateway.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.GatewayLinesRefused, o => o.FloodCount = rounds);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("credentials-rejected", cause.GetProperty("kind").GetString());
        Assert.Equal("The registrar 10.10.0.10 rejected the credentials of 1 client (10.10.1.50:5060) for 24 users.", cause.GetProperty("summary").GetString());
        Assert.StartsWith("Correct the passwords configured for these users", cause.GetProperty("fix").GetString());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.False(finding.GetProperty("details").TryGetProperty("password_guessing", out _));
        Assert.Equal(24, finding.GetProperty("details").GetProperty("users").GetInt32());
        Assert.StartsWith("The registrar rejected the credentials of 24 users (2101, 2102, 2103, 2104 …) from 10.10.1.50:5060",
            finding.GetProperty("summary").GetString());
        // The boot's burst is as fast as a guesser's, and the finding says why it is not one; ten rounds 30 s apart are no burst.
        Assert.Equal(rounds == 1, finding.GetProperty("explanation").GetString()!.Contains("a device registering its lines at once, not guesses."));
        Assert.StartsWith("No routing problem found: the registrar refused the password of 1 client", run.Stdout.Split('\n')[0]);
        // Its filter shows every line's attempts, not the first line's alone.
        string filter = finding.GetProperty("wireshark_filter").GetString()!;
        Assert.Equal(Tshark.Fields(capture, "sip", ["frame.number"]).Count, Tshark.Fields(capture, filter, ["frame.number"]).Count);
    }

    [Fact]
    public void One_address_trying_a_hundred_and_more_users_once_each_is_password_guessing()
    {
        // The "extension = password" sweep: one guess per user, each its own registration, from one address — more
        // users than a device registers.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.SprayFromOneAddress, o => o.FloodCount = 150);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("password-guessing", cause.GetProperty("kind").GetString());
        Assert.StartsWith("Password guessing: 203.0.113.77:5060 tried 150 times in ", cause.GetProperty("summary").GetString());
        Assert.Contains("to register as 150 users (2001, 2002, 2003, 2004 …)", cause.GetProperty("summary").GetString());
        var details = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray()).GetProperty("details");
        Assert.True(details.GetProperty("password_guessing").GetBoolean());
        Assert.Equal(150, details.GetProperty("users").GetInt32());
    }

    private static byte[] Frame(string source, string destination, string sip) =>
        PacketBuilder.Ethernet(0x0800, PacketBuilder.Ipv4(17, source, destination, PacketBuilder.Udp(5060, 5060, PacketBuilder.Ascii(sip))));
}
