using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// The several-capture-points parts of the JSON report: "clock_offsets", per point the matched/unmatched SIP
/// message counts, and per transaction "messages" with "seen_at" (every point that saw each message).
/// </summary>
public static class CorrelationJson
{
    /// <summary>"clock_offsets": one entry per capture host clock, the reference first.</summary>
    public static void WriteClocks(Utf8JsonWriter json, AnalysisResult result)
    {
        json.WriteStartArray("clock_offsets");
        foreach (var c in result.Correlation?.Clocks ?? [])
        {
            json.WriteStartObject();
            json.WriteString("clock", c.Clock);
            json.WriteString("reference", c.Reference);
            if (c.MeasuredAgainst is null) json.WriteNull("measured_against"); else json.WriteString("measured_against", c.MeasuredAgainst);
            json.WriteNumber("offset_ms", Ms(c.OffsetNs));
            json.WriteNumber("spread_ms", Ms(c.SpreadNs));
            json.WriteNumber("min_ms", Ms(c.MinNs));
            json.WriteNumber("max_ms", Ms(c.MaxNs));
            json.WriteNumber("samples", c.Samples);
            json.WriteString("method", c.Method);
            json.WriteBoolean("applied", c.Applied);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Fields added to a "points" entry: its clock and how many of its SIP messages another point saw.</summary>
    public static void WritePointFields(Utf8JsonWriter json, AnalysisResult result, CapturePoint point)
    {
        json.WriteString("clock", point.Clock);
        var correlation = result.Correlation;
        var offset = correlation?.Clocks.Find(c => c.Clock == point.Clock);
        json.WriteNumber("clock_offset_ms", Ms(offset is { Applied: true } ? offset.OffsetNs : 0));
        var counts = correlation?.Counts.ElementAtOrDefault(point.Index);
        json.WriteNumber("sip_messages_matched", counts?.Matched ?? 0);
        json.WriteNumber("sip_messages_unmatched", counts?.Unmatched ?? 0);
    }

    /// <summary>
    /// "messages" of a transaction: every transmission (request copies, responses, ACKs) at any point, with
    /// "seen_at", the points that saw it in the order it passed them; and "same_transaction_at", the same
    /// transaction's ids at the other points.
    /// </summary>
    public static void WriteMessages(Utf8JsonWriter json, Transaction t, AnalysisResult result)
    {
        var correlation = result.Correlation;
        var seen = correlation?.Of(t);
        json.WriteStartArray("messages");
        foreach (var m in seen?.Messages ?? [])
        {
            json.WriteStartObject();
            json.WriteString("kind", m.Kind switch { MessageKind.Request => "request", MessageKind.Response => "response", _ => "ack" });
            if (m.Kind == MessageKind.Response) json.WriteNumber("status", m.Status); else json.WriteString("method", m.Label);
            json.WriteBoolean("retransmission", m.IsRetransmission);
            json.WriteString("match", MessageMatches.WireName(m.Match));
            json.WriteStartArray("seen_at");
            foreach (var s in m.Sightings)
            {
                json.WriteStartObject();
                json.WriteString("point", s.Point.Name);
                json.WriteNumber("capture", s.Message.Frame.Capture);
                json.WriteNumber("frame", s.Message.Frame.Frame);
                JsonReportWriter.WriteTimestamp(json, "ts", s.AlignedNs);
                JsonReportWriter.WriteTimestamp(json, "capture_ts", s.Message.TimestampNs);
                json.WriteString("source", s.Message.Source);
                json.WriteString("destination", s.Message.Destination);
                json.WriteNumber("ttl", s.Message.Ttl);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("same_transaction_at");
        foreach (var other in seen?.Transactions ?? [])
        {
            if (ReferenceEquals(other, t)) continue;
            json.WriteStartObject();
            json.WriteString("point", result.Points[other.Point].Name);
            json.WriteNumber("id", other.Id);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (seen is not null) json.WriteString("client_origin", seen.Client);
    }

    private static double Ms(long ns) => Math.Round(ns / 1e6, 6);
}
