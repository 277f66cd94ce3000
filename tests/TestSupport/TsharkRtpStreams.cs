using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>Runs <c>tshark -q -z rtp,streams</c> and parses its table: the reference our statistics must match.</summary>
public static partial class TsharkRtpStreams
{
    public sealed record Row(
        string Source, int SourcePort, string Destination, int DestinationPort, uint Ssrc, string Payload,
        long Packets, long Lost, double MinDelta, double MeanDelta, double MaxDelta,
        double MinJitter, double MeanJitter, double MaxJitter, bool Problem)
    {
        public string Id => $"{Source}:{SourcePort} -> {Destination}:{DestinationPort} 0x{Ssrc:X8}";
    }

    public static List<Row> Run(string path, bool heuristic) => Run(path, heuristic, []);

    /// <summary>As <see cref="Run(string, bool)"/>, with further tshark options (e.g. <c>-d udp.port==N,rtp</c>).</summary>
    public static List<Row> Run(string path, bool heuristic, IReadOnlyList<string> options)
    {
        var psi = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-n", "-q", "-z", "rtp,streams", "-r", path })
            psi.ArgumentList.Add(arg);
        if (heuristic)
        {
            // Both spellings: the preference is what the issue tracker and older guides name, the switch what 4.x reads.
            psi.ArgumentList.Add("--enable-heuristic");
            psi.ArgumentList.Add("rtp_udp");
            psi.ArgumentList.Add("-o");
            psi.ArgumentList.Add("rtp.heuristic_rtp:TRUE");
        }
        foreach (var option in options)
            psi.ArgumentList.Add(option);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("tshark did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tshark failed on {path}: {stderr.Result}");
        var rows = new List<Row>();
        foreach (var line in output.Split('\n'))
        {
            var m = RowPattern().Match(line);
            if (!m.Success)
                continue;
            double D(string g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
            rows.Add(new Row(
                m.Groups["src"].Value, int.Parse(m.Groups["sport"].Value), m.Groups["dst"].Value, int.Parse(m.Groups["dport"].Value),
                uint.Parse(m.Groups["ssrc"].Value, NumberStyles.HexNumber), m.Groups["payload"].Value.Trim(),
                long.Parse(m.Groups["pkts"].Value), long.Parse(m.Groups["lost"].Value),
                D("mind"), D("meand"), D("maxd"), D("minj"), D("meanj"), D("maxj"), m.Groups["x"].Success));
        }
        return rows;
    }

    [GeneratedRegex(@"^\s*[\d.]+\s+[\d.]+\s+(?<src>\S+)\s+(?<sport>\d+)\s+(?<dst>\S+)\s+(?<dport>\d+)\s+0x(?<ssrc>[0-9A-Fa-f]{8})\s+(?<payload>.*?)\s+(?<pkts>\d+)\s+(?<lost>-?\d+)\s+\(-?[\d.]+%\)\s+(?<mind>-?[\d.]+)\s+(?<meand>-?[\d.]+)\s+(?<maxd>-?[\d.]+)\s+(?<minj>-?[\d.]+)\s+(?<meanj>-?[\d.]+)\s+(?<maxj>-?[\d.]+)\s*(?<x>X)?\s*$")]
    private static partial Regex RowPattern();
}
