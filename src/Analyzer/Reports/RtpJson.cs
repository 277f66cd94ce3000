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
        var points = new PointNames(result);
        foreach (var s in result.RtpStreams)
        {
            WriteStream(json, s, points.Of(s.Key.Capture, s.Key.InterfaceId), result);
            JsonFlush.WhenLarge(json);
        }
        json.WriteEndArray();
    }

    private static void WriteStream(Utf8JsonWriter json, RtpStream s, string point, AnalysisResult result)
    {
        var st = s.Statistics;
        json.WriteStartObject();
        json.WriteString("point", point);
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
        JsonDoubles.Write(json, "lost_percent", st.LostPercent);
        json.WriteNumber("sequence_errors", st.SequenceErrors);
        // -1 when no packet gave a delta (an event-only stream whose packets all carry the marker), as tshark prints it.
        JsonDoubles.Write(json, "min_delta_ms", st.MinDelta);
        JsonDoubles.Write(json, "mean_delta_ms", st.MeanDelta);
        JsonDoubles.Write(json, "max_delta_ms", st.MaxDelta);
        JsonDoubles.Write(json, "min_jitter_ms", st.MinJitter);
        JsonDoubles.Write(json, "mean_jitter_ms", st.MeanJitter);
        JsonDoubles.Write(json, "max_jitter_ms", st.MaxJitter);
        json.WriteBoolean("problem", st.Problem);
        WriteQuality(json, StreamQuality.Of(s));
        if (s.RoundTripMs is { } rtt) json.WriteNumber("rtcp_round_trip_ms", Math.Round(rtt, 3)); else json.WriteNull("rtcp_round_trip_ms");
        JsonReportWriter.WriteTimestamp(json, "start_ts", s.StartNs);
        JsonReportWriter.WriteTimestamp(json, "end_ts", s.EndNs);
        if (s.CallId is null) json.WriteNull("call_id"); else json.WriteString("call_id", s.CallId);
        json.WriteString("origin", s.Origin.ToString().ToLowerInvariant());
        JsonReportWriter.WriteFrames(json, "frames", [s.FirstFrame, s.LastFrame]);
        json.WriteString("wireshark_filter", s.WiresharkFilter);
        json.WriteEndObject();
    }

    private static void WriteQuality(Utf8JsonWriter json, StreamQuality? quality)
    {
        if (quality is not { } q)
        {
            json.WriteNull("r_factor");
            json.WriteNull("mos");
            return;
        }
        json.WriteNumber("r_factor", Math.Round(q.R, 1));
        json.WriteNumber("mos", Math.Round(q.Mos, 2));
    }
}
