using PcapSipAnalyzer.Analyzer.Points;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>One input file of an analysis: its path ("-" for stdin) and the capture point it belongs to.</summary>
public sealed record CaptureInput(string Path, string PointName)
{
    /// <summary>Interfaces of this file named as points of their own (<c>--point NAME=FILE#IFACE</c>).</summary>
    public IReadOnlyList<PointSpec> InterfacePoints { get; init; } = [];

    /// <summary>A point named after the file, as the user would name it: "pbx-uplink.pcap" → "pbx-uplink".</summary>
    public static CaptureInput ForFile(string path) =>
        new(path, path == "-" ? "stdin" : System.IO.Path.GetFileNameWithoutExtension(StripGz(path)));

    /// <summary>
    /// The inputs for the files given and the <c>--point</c> specs: a spec naming a file that is not among
    /// <paramref name="files"/> adds it; a spec without an interface renames the file's point; one with an
    /// interface names that interface's point.
    /// </summary>
    public static List<CaptureInput> For(IEnumerable<string> files, IEnumerable<PointSpec> specs)
    {
        var inputs = files.Select(ForFile).ToList();
        foreach (var spec in specs)
        {
            int i = inputs.FindIndex(x => SamePath(x.Path, spec.Path));
            if (i < 0)
            {
                inputs.Add(ForFile(spec.Path));
                i = inputs.Count - 1;
            }
            inputs[i] = spec.Interface is null
                ? inputs[i] with { PointName = spec.Name }
                : inputs[i] with { InterfacePoints = [.. inputs[i].InterfacePoints, spec] };
        }
        return inputs;
    }

    private static bool SamePath(string a, string b) =>
        a == b || (a != "-" && b != "-" && System.IO.Path.GetFullPath(a) == System.IO.Path.GetFullPath(b));

    private static string StripGz(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
}
