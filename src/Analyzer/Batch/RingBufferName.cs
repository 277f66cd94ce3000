using System.Globalization;
using System.Text.RegularExpressions;

namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>
/// A file name as dumpcap writes ring buffers and multiple files: <c>prefix_00001_20261126100203.pcapng</c>
/// (file number, then local start time). Files with the same prefix and extension form one continuous capture.
/// </summary>
public sealed partial record RingBufferName(string Prefix, int Number, DateTime Start, string Extension)
{
    [GeneratedRegex(@"^(?<prefix>.+)_(?<num>\d{5,})_(?<ts>\d{14})(?<ext>\..+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static RingBufferName? TryParse(string path)
    {
        var match = Pattern().Match(Path.GetFileName(path));
        if (!match.Success) return null;
        if (!DateTime.TryParseExact(match.Groups["ts"].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            return null;
        return new RingBufferName(match.Groups["prefix"].Value,
            int.Parse(match.Groups["num"].Value, CultureInfo.InvariantCulture), start, match.Groups["ext"].Value);
    }
}
