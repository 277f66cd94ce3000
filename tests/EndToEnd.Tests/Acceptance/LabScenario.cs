using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// A scenario of tests/fixtures/lab with its ground truth (expected.json, written by the lab from what it set
/// up and what the phones reported — never by an analyzer).
/// </summary>
public sealed class LabScenario
{
    private LabScenario(string name, string root, JsonElement expected)
    {
        Name = name;
        Directory = Fixtures.PathOf(root + "/" + name);
        Clients = expected.GetProperty("clients").EnumerateArray().Select(c => new LabClient(
            c.GetProperty("client").GetString()!,
            c.GetProperty("role").GetString()!,
            c.GetProperty("transport").GetString()!,
            c.GetProperty("password_correct").GetBoolean(),
            c.GetProperty("client_completed").GetBoolean(),
            c.GetProperty("expected_findings").EnumerateArray()
                .Select(f => (f.GetProperty("kind").GetString()!, f.GetProperty("severity").GetString()!)).ToList())).ToList();
        // A stream without "seen_at" passes every capture point (the lab's media goes through the PBX).
        _mediaSeenAt = expected.GetProperty("media").EnumerateArray()
            .Select(m => m.TryGetProperty("seen_at", out var at) ? at.EnumerateArray().Select(p => p.GetString()!).ToList() : null).ToList();
        if (expected.GetProperty("network").TryGetProperty("wrong_gateway", out var gateway) && gateway.ValueKind == JsonValueKind.Object)
            WrongGateway = (gateway.GetProperty("ip").GetString()!, gateway.GetProperty("mac").GetString()!);
        NatMap = expected.GetProperty("nat_map").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    public string Name { get; }
    public string Directory { get; }
    public IReadOnlyList<LabClient> Clients { get; }

    // Per RTP stream the lab sent, the capture points it passes (null: every point).
    private readonly List<List<string>?> _mediaSeenAt;

    /// <summary>How many of the lab's RTP streams pass a capture point ("pbx-uplink", "router1"; media-bypass sends
    /// its RTP phone to phone, past the PBX uplink).</summary>
    public int MediaStreamsSeenAt(string capture) =>
        _mediaSeenAt.Count(at => at is null || at.Any(p => p.StartsWith(capture, StringComparison.Ordinal)));

    /// <summary>How many of the lab's RTP streams pass at least one capture point.</summary>
    public int MediaStreamsSeenAnywhere => _mediaSeenAt.Count(at => at is null || at.Count > 0);

    /// <summary>The gateway the PBX's stale route points at (IP, MAC), when the scenario has one.</summary>
    public (string Ip, string Mac)? WrongGateway { get; }

    /// <summary>Phone "ip:port" → the "ip:port" the PBX saw behind router 1's NAT (the alg scenario).</summary>
    public IReadOnlyDictionary<string, string> NatMap { get; }

    /// <summary>The phone's address as the PBX sees it.</summary>
    public string AtPbx(LabClient client) => NatMap.GetValueOrDefault(client.Client, client.Client);

    public string PbxUplink => Path.Combine(Directory, "pbx-uplink.pcap");

    /// <summary>router1.pcapng (both legs of router 1), null for the scenarios captured at the PBX only.</summary>
    public string? Router1 => File.Exists(Path.Combine(Directory, "router1.pcapng")) ? Path.Combine(Directory, "router1.pcapng") : null;

    /// <param name="root">The fixtures' folder of scenarios: "lab", or "lab-cooked" for the runs that also captured with tcpdump -i any.</param>
    public static LabScenario Load(string name, string root = "lab")
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.PathOf($"{root}/{name}/expected.json")));
        return new LabScenario(name, root, document.RootElement.Clone());
    }

    /// <summary>Every scenario directory under tests/fixtures/lab.</summary>
    public static IReadOnlyList<string> Names() =>
        System.IO.Directory.EnumerateDirectories(Fixtures.PathOf("lab"))
            .Where(d => File.Exists(Path.Combine(d, "expected.json")))
            .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names()) data.Add(name);
        return data;
    }
}
