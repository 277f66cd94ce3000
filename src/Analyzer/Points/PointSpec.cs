namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// <c>--point NAME=FILE[#IFACE]</c>: names a capture point — a whole file, or one interface of a
/// multi-interface pcapng chosen by its if_name or its index.
/// </summary>
public sealed record PointSpec(string Name, string Path, string? Interface)
{
    /// <summary>
    /// Parses NAME=FILE[#IFACE]. The part after the last '#' is an interface only when the whole text is not an
    /// existing file (a file name may itself contain '#').
    /// </summary>
    public static bool TryParse(string text, out PointSpec? spec, out string? error)
    {
        spec = null;
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
        {
            error = $"--point {text}: expected NAME=FILE or NAME=FILE#INTERFACE";
            return false;
        }
        string name = text[..eq].Trim(), target = text[(eq + 1)..];
        string path = target;
        string? iface = null;
        int hash = target.LastIndexOf('#');
        if (hash > 0 && !File.Exists(target))
        {
            path = target[..hash];
            iface = target[(hash + 1)..];
            if (iface.Length == 0) iface = null;
        }
        if (name.Length == 0 || name.Contains('#'))
        {
            error = $"--point {text}: the point name must be non-empty and without '#'";
            return false;
        }
        spec = new PointSpec(name, path, iface);
        error = null;
        return true;
    }

    /// <summary>True when this spec names the interface with <paramref name="id"/> and if_name <paramref name="name"/>.</summary>
    public bool Selects(int id, string? name) =>
        Interface is not null && (Interface == name || Interface == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
