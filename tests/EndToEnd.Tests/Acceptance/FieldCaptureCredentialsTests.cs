using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Refused credentials on a field capture, checked against what tshark sees in it. A softphone registering two accounts
/// (voi18063, then voi18062, under two Call-IDs) was told as one refused user, with a filter over the first Call-ID only:
/// the engineer would correct one password and leave the other.
/// </summary>
public class FieldCaptureCredentialsTests
{
    [Fact]
    public void A_client_refused_for_two_accounts_names_both_and_its_filter_shows_both()
    {
        string capture = Fixtures.PublicFile("wireshark-wiki/aaa.pcap");
        var report = PipelineReport.Of(capture).Json;

        var finding = Assert.Single(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "registration-rejected");
        // tshark: the users the client sent credentials for.
        var refusedUsers = Tshark.Fields(capture, "sip.CSeq.method == \"REGISTER\" && sip.auth.username", ["sip.auth.username"])
            .Select(row => row[0].Trim('"')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["voi18062", "voi18063"], refusedUsers);
        Assert.Equal(2, finding.GetProperty("details").GetProperty("users").GetInt32());
        Assert.Contains("2 users (voi18063, voi18062)", finding.GetProperty("summary").GetString());
        Assert.DoesNotContain("password_guessing", finding.GetProperty("details").EnumerateObject().Select(p => p.Name));

        // The filter selects every REGISTER exchange of the client, as tshark reads it.
        string filter = finding.GetProperty("wireshark_filter").GetString()!;
        var registers = Tshark.Fields(capture, "sip.CSeq.method == \"REGISTER\"", ["frame.number"]).Select(row => row[0]).ToList();
        var selected = Tshark.Fields(capture, filter, ["frame.number"]).Select(row => row[0]).ToList();
        Assert.Equal(registers, selected.Intersect(registers));

        var cause = Assert.Single(report.GetProperty("causes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "credentials-rejected");
        Assert.EndsWith("(192.168.1.2:5060) for 2 users.", cause.GetProperty("summary").GetString());
    }
}
