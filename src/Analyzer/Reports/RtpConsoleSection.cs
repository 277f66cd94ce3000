using System.Globalization;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>RTP streams as a table laid out like tshark's -z rtp,streams, so the numbers can be compared at a glance.</summary>
internal static class RtpConsoleSection
{
    public static void Write(TextWriter o, AnalysisResult result)
    {
        if (result.RtpStreams.Count == 0) return;
        o.WriteLine("RTP streams");
        o.WriteLine($"  {"Src addr",-16} {"Port",5} {"Dst addr",-16} {"Port",5} {"SSRC",-10} {"Payload",-14} {"Pkts",7} {"Lost",12} {"Max Delta",10} {"Max Jitter",10} {"Mean Jitter",11} {"R",5} {"MOS",4} {"Call",-12}");
        var points = result.Points.Count > 1 ? new PointNames(result) : null;
        foreach (var s in result.RtpStreams.Take(100))
        {
            var st = s.Statistics;
            string where = points is null ? "" : $"  [{points.Of(s.Key.Capture, s.Key.InterfaceId)}]";
            string lost = $"{st.Lost} ({st.LostPercent.ToString("0.0", CultureInfo.InvariantCulture)}%)";
            var quality = Rtp.StreamQuality.Of(s);
            string r = quality is { } q ? q.R.ToString("0.0", CultureInfo.InvariantCulture) : "-";
            string mos = quality is { } m ? m.Mos.ToString("0.00", CultureInfo.InvariantCulture) : "-";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Source,-16} {s.SourcePort,5} {s.Destination,-16} {s.DestinationPort,5} 0x{s.Ssrc:X8} {ConsoleColumn.Fit(s.PayloadNames, 14),-14} {st.Packets,7} {lost,12} {st.MaxDelta,10:0.000} {st.MaxJitter,10:0.000} {st.MeanJitter,11:0.000} {r,5} {mos,4} {ConsoleColumn.Fit(s.CallId ?? "", 12),-12}{(st.Problem ? " X" : "")}{where}"));
        }
        if (result.RtpStreams.Count > 100) o.WriteLine($"  … {result.RtpStreams.Count - 100} more in the JSON/CSV reports");
        o.WriteLine();
    }
}
