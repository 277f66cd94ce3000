using System.Text.RegularExpressions;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// What tests/fixtures/public/SOURCES.md records about each public capture (filled in from tshark 4.0.17 when
/// the files were collected): which carry SIP and which carry RTP. The tests still ask tshark itself for the
/// figures; the catalog only says which files to ask about.
/// </summary>
public static partial class PublicCaptureCatalog
{
    private static readonly Lazy<List<(string File, string Sip, string Rtp)>> Rows = new(Read);

    /// <summary>Files (relative to tests/fixtures) in which tshark finds SIP.</summary>
    public static IEnumerable<string> WithSip() => Rows.Value.Where(r => r.Sip != "-").Select(r => r.File);

    /// <summary>Files in which tshark finds at least one RTP stream with its RTP heuristic on.</summary>
    public static IEnumerable<string> WithRtp() =>
        Rows.Value.Where(r => HeuristicStreams().Match(r.Rtp) is { Success: true } m && int.Parse(m.Groups[1].Value) > 0).Select(r => r.File);

    /// <summary>Every file the catalog lists.</summary>
    public static IEnumerable<string> All() => Rows.Value.Select(r => r.File);

    private static List<(string, string, string)> Read()
    {
        var rows = new List<(string, string, string)>();
        string? directory = null;
        foreach (var line in File.ReadLines(Path.Combine(Fixtures.PublicDirectory, "SOURCES.md")))
        {
            if (Section().Match(line) is { Success: true } section) directory = section.Groups[1].Value;
            if (!line.StartsWith("| `", StringComparison.Ordinal) || directory is null) continue;
            // | File | Origin | Licence | Bytes | Format | Link type | Pkts | tshark SIP | tshark RTP / RTCP | Description |
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            rows.Add(($"public/{directory}/{cells[0].Trim('`')}", cells[7], cells[8]));
        }
        Assert.True(rows.Count > 100, "SOURCES.md lists the public captures in tables");
        return rows;
    }

    [GeneratedRegex(@"^### (\S+)/")]
    private static partial Regex Section();

    [GeneratedRegex(@"heur (\d+)")]
    private static partial Regex HeuristicStreams();
}
