using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>The "rtp_streams" array: per stream the figures of Wireshark's RTP Stream Analysis.</summary>
public static class RtpJson
{
    public static void Write(Utf8JsonWriter json, AnalysisResult result)
    {
        json.WriteStartArray("rtp_streams");
        foreach (var s in result.RtpStreams)
        {
            WriteStream(json, s, result);
            JsonFlush.WhenLarge(json);
        }
        json.WriteEndArray();
    }

    private static void WriteStream(Utf8JsonWriter json, RtpStream s, AnalysisResult result)
    {
        var st = s.Statistics;
        json.WriteStartObject();
        json.WriteNumber("capture", s.Key.Capture);
        json.WriteNumber("interface", s.Key.InterfaceId);
        json.WriteString("src_ip", s.Source.ToString());
        json.WriteNumber("src_port", s.SourcePort);
        json.WriteString("dst_ip", s.Destination.ToString());
        json.WriteNumber("dst_port", s.DestinationPort);
        json.WriteNumber("ssrc", s.Ssrc);
        json.WriteNumber("payload_type", s.FirstPayloadType);
        json.WriteString("codec", s.PayloadNames);
        json.WriteNumber("packets", st.Packets);
        json.WriteNumber("expected", st.Expected);
        json.WriteNumber("lost", st.Lost);
        json.WriteNumber("lost_percent", Math.Round(st.LostPercent, 3));
        json.WriteNumber("sequence_errors", st.SequenceErrors);
        json.WriteNumber("min_delta_ms", Math.Round(st.HasDelta ? st.MinDelta : 0, 3));
        json.WriteNumber("mean_delta_ms", Math.Round(st.MeanDelta, 3));
        json.WriteNumber("max_delta_ms", Math.Round(st.MaxDelta, 3));
        json.WriteNumber("min_jitter_ms", Math.Round(st.MinJitter, 3));
        json.WriteNumber("mean_jitter_ms", Math.Round(st.MeanJitter, 3));
        json.WriteNumber("max_jitter_ms", Math.Round(st.MaxJitter, 3));
        json.WriteBoolean("problem", st.Problem);
        JsonReportWriter.WriteTimestamp(json, "start_ts", s.StartNs);
        JsonReportWriter.WriteTimestamp(json, "end_ts", s.EndNs);
        if (s.CallId is null) json.WriteNull("call_id"); else json.WriteString("call_id", s.CallId);
        json.WriteString("origin", s.Origin.ToString().ToLowerInvariant());
        JsonReportWriter.WriteFrames(json, "frames", [s.FirstFrame, s.LastFrame]);
        json.WriteString("wireshark_filter", s.WiresharkFilter);
        json.WriteEndObject();
    }
}
