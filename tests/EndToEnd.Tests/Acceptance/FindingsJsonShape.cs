using System.Text.Json;
using System.Text.Json.Nodes;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>Findings of a JSON report in comparable form.</summary>
public static class FindingsJsonShape
{
    public static List<JsonElement> Of(JsonElement report) => report.GetProperty("findings").EnumerateArray().ToList();

    /// <summary>True when two JSON values are equal (object member order ignored).</summary>
    public static bool Same(JsonElement a, JsonElement b) => JsonNode.DeepEquals(JsonNode.Parse(a.GetRawText()), JsonNode.Parse(b.GetRawText()));

    /// <summary>
    /// A finding without its frame references (compared separately, as they are numbered per input file) and
    /// without its explanation (which may quote frame numbers).
    /// </summary>
    public static string Key(JsonElement finding)
    {
        var node = JsonNode.Parse(finding.GetRawText())!.AsObject();
        node.Remove("frames");
        node.Remove("frame_filters"); // frame numbers restart in each file, like "frames"
        node.Remove("explanation");
        return node.ToJsonString();
    }
}
