using System.Text.Json;
using System.Text.Json.Serialization;

namespace PcapSipAnalyzer.Synthesizer.Truth;

/// <summary>Everything the synthesizer wrote, for tests and benchmarks to compare an analysis against.</summary>
public sealed class GroundTruth
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Generator { get; set; } = "pcapsip-synth 1";
    public ulong Seed { get; set; }
    public int Phones { get; set; }
    public string Format { get; set; } = "";
    public long Packets { get; set; }
    public long FileBytes { get; set; }
    public long FrameBytes { get; set; }
    public double FirstTimestamp { get; set; }
    public double DurationSeconds { get; set; }
    public TrafficTruth Traffic { get; set; } = new();
    public SipCountsTruth Sip { get; set; } = new();
    public SortedDictionary<string, int> RegistrationOutcomes { get; set; } = new(StringComparer.Ordinal);
    public List<RegistrationClientTruth> Registrations { get; set; } = [];
    public List<CallTruth> Calls { get; set; } = [];
    public List<RtpStreamTruth> RtpStreams { get; set; } = [];
    public FloodTruth? Flood { get; set; }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, Json);
    }

    public static GroundTruth Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<GroundTruth>(stream, Json) ?? throw new InvalidDataException(path);
    }
}
