using System.Text.Json;
using System.Text.Json.Nodes;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Issue 3, registration outcomes on the lab captures through the real pipeline. The expected outcome comes from
/// expected.json (did the phone's scenario complete, was its password right), one registration per phone run
/// (a refresh is a registration of its own, in time order); whether the challenge reached a phone that never
/// completed comes from tshark on the phone's own leg of router 1 (lan-b, or lan-c for subnet C). Retransmission
/// counts per REGISTER transaction equal the copies tshark shows of that request (Call-ID, CSeq) at the same point.
/// </summary>
public class LabRegistrationTests
{
    public static TheoryData<string> Scenarios() => LabScenario.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Each_phone_gets_its_outcome_and_retransmission_counts(string name)
    {
        var scenario = LabScenario.Load(name);
        // A phone's registration runs in order: its registration, then any refresh (a later registration).
        var phones = scenario.Clients.Where(c => c.Role is "register" or "refresh").GroupBy(c => c.Client).ToList();
        var points = new List<(string Point, string File, JsonElement[] Registrations)>();

        var pbx = PipelineReport.Of(scenario.PbxUplink);
        points.Add(("pbx-uplink", scenario.PbxUplink, Registrations(pbx, "pbx-uplink")));
        var phoneLegs = new List<string>();
        if (scenario.Router1 is { } router)
        {
            // Every leg of router 1 but the PBX's (lan-a): the phones' subnets.
            var report = PipelineReport.Of(router);
            foreach (var leg in report.Json.GetProperty("points").EnumerateArray().Where(p => !p.GetProperty("name").GetString()!.EndsWith("#lan-a", StringComparison.Ordinal)))
            {
                string file = InterfaceParts.Of(router)[leg.GetProperty("interface").GetInt32()];
                phoneLegs.Add(file);
                points.Add((leg.GetProperty("name").GetString()!, file, Registrations(report, leg.GetProperty("name").GetString()!)));
            }
        }

        foreach (var runs in phones)
        {
            var phone = runs.First();
            // The phone's own leg: where router 1 saw its REGISTERs (none for a phone beside the PBX).
            string? phoneLeg = phoneLegs.FirstOrDefault(leg => SentRegister(leg, phone.Client));
            foreach (var (point, file, registrations) in points)
            {
                string address = point == "pbx-uplink" ? scenario.AtPbx(phone) : phone.Client;
                var mine = registrations.Where(r => r.GetProperty("client").GetString() == address
                    && string.Equals(r.GetProperty("transport").GetString(), phone.Transport, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(r => r.GetProperty("start_ts").GetString(), StringComparer.Ordinal).ToList();
                if (!SentRegister(file, address))
                {
                    // The phone's REGISTERs never passed this point (a desk phone beside the PBX, a TCP handshake that never completed).
                    Assert.True(mine.Count == 0, $"{name} {point}: tshark sees no REGISTER from {address}, yet it has a registration");
                    continue;
                }
                Assert.True(runs.Count() == mine.Count, $"{name} {point} {address}: {mine.Count} registrations for {runs.Count()} registration runs");
                foreach (var (client, registration) in runs.Zip(mine))
                {
                    string? expected = client.Completed ? (client.PasswordCorrect ? "registered" : "rejected")
                        : phoneLeg is null ? null
                        : ResponseReached(phoneLeg, client.Client, registration) ? "auth-unanswered" : "unanswered";
                    // At the PBX a phone that never completed is seen from the server's side ("challenged" after a 401
                    // that left, "registered" after a 200 that left): only its retransmissions are checked there.
                    bool outcomeKnown = expected is not null && (client.Completed || point != "pbx-uplink");
                    if (outcomeKnown)
                        Assert.True(expected == registration.GetProperty("outcome").GetString(),
                            $"{name} {point} {client.Client} {client.Role}: outcome {registration.GetProperty("outcome")}, expected {expected}");
                }
                CheckRetransmissions(name, point, file, mine);
            }
        }
    }

    // A client's registrations at one point together hold every REGISTER tshark shows for their Call-IDs, each
    // transaction with as many retransmissions as tshark shows extra copies of (Call-ID, CSeq).
    private static void CheckRetransmissions(string name, string point, string file, List<JsonElement> registrations)
    {
        var callIds = registrations.Select(r => r.GetProperty("call_id").GetString()!).ToHashSet();
        var copies = TsharkSipRow.Of(file).Where(r => r.IsRequest == true && r.CSeqMethod == "REGISTER" && callIds.Contains(r.CallId))
            .GroupBy(r => (r.CallId, r.CSeq)).ToDictionary(g => g.Key, g => g.Count());
        var steps = registrations.SelectMany(r => r.GetProperty("transactions").EnumerateArray()
            .Select(step => (Key: (r.GetProperty("call_id").GetString()!, step.GetProperty("cseq").GetInt64()), Step: step))).ToList();
        foreach (var (key, step) in steps)
        {
            Assert.True(copies.TryGetValue(key, out int n), $"{name} {point}: tshark has no REGISTER {key.Item1} CSeq {key.Item2}");
            Assert.True(n - 1 == step.GetProperty("retransmissions").GetInt32(),
                $"{name} {point} {key.Item1} CSeq {key.Item2}: {step.GetProperty("retransmissions")} retransmissions, tshark shows {n} copies");
        }
        Assert.Equal(copies.Keys.Order(), steps.Select(s => s.Key).Order());
    }

    // A registration is one entry however many points saw it; each point's own view is in its "points", with
    // what every point shares (Call-ID, transport) in the registration itself.
    private static JsonElement[] Registrations(PipelineReport report, string point) =>
        report.Json.GetProperty("registrations").EnumerateArray()
            .SelectMany(r => r.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("point").GetString() == point).Select(p =>
            {
                var entry = JsonNode.Parse(p.GetRawText())!.AsObject();
                entry["call_id"] = r.GetProperty("call_id").GetString();
                entry["transport"] = r.GetProperty("transport").GetString();
                return JsonDocument.Parse(entry.ToJsonString()).RootElement;
            })).ToArray();

    private static bool SentRegister(string file, string address) =>
        TsharkSipRow.Of(file).Any(r => r.IsRequest == true && r.CSeqMethod == "REGISTER" && r.Source == Ip(address));

    // Did any response to this registration's REGISTERs (its Call-ID and CSeqs) reach the phone's leg?
    private static bool ResponseReached(string file, string address, JsonElement registration)
    {
        string callId = registration.GetProperty("call_id").GetString()!;
        var cseqs = registration.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("cseq").GetInt64()).ToHashSet();
        return TsharkSipRow.Of(file).Any(r => r.IsRequest == false && r.CSeqMethod == "REGISTER" && r.Destination == Ip(address)
            && r.CallId == callId && cseqs.Contains(r.CSeq));
    }

    private static string Ip(string address) => address[..address.LastIndexOf(':')];
}
