using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>The "causes" array of the JSON report: the diagnosis, each cause citing its findings by id.</summary>
public static class CausesJson
{
    public static void Write(Utf8JsonWriter json, IEnumerable<Cause> causes)
    {
        json.WriteStartArray("causes");
        foreach (var c in causes)
        {
            json.WriteStartObject();
            json.WriteString("id", c.Id);
            json.WriteString("kind", CauseKinds.WireName(c.Kind));
            json.WriteString("severity", FindingsJson.SeverityName(c.Severity));
            json.WriteString("summary", c.Summary);
            json.WriteString("fix", c.Fix);
            Nullable(json, "symptom", c.Symptom);
            Nullable(json, "server", c.Server);
            Nullable(json, "subnet", c.Subnet?.ToString());
            Strings(json, "clients", c.Clients);
            json.WriteNumber("client_count", c.ClientCount);
            Strings(json, "healthy_clients", c.HealthyClients);
            Hop(json, "wrong_next_hop", c.WrongNextHop);
            Hop(json, "right_next_hop", c.RightNextHop);
            JsonReportWriter.WriteTimestamp(json, "first_seen", c.FirstSeenNs == 0 ? null : c.FirstSeenNs);
            JsonReportWriter.WriteTimestamp(json, "last_seen", c.LastSeenNs == 0 ? null : c.LastSeenNs);
            Strings(json, "finding_ids", c.Findings.Select(f => f.Id));
            JsonReportWriter.WriteFrames(json, "frames", c.Frames);
            json.WriteNumber("frame_count", c.FrameCount);
            Nullable(json, "wireshark_filter", c.WiresharkFilter);
            // Only where there are some, so the reports of captures without them keep their shape.
            if (c.LateAnswers is { } late) LateAnswers(json, late);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void LateAnswers(Utf8JsonWriter json, LateAnswerEvidence late)
    {
        json.WriteStartObject("late_answers");
        json.WriteNumber("count", late.Count);
        json.WriteNumber("transactions", late.Transactions);
        Strings(json, "statuses", late.Statuses);
        Strings(json, "lost_answers", late.LostAnswers);
        JsonReportWriter.WriteFrames(json, "frames", late.Frames);
        json.WriteString("explanation", late.Explanation);
        json.WriteEndObject();
    }

    private static void Hop(Utf8JsonWriter json, string name, NextHop? hop)
    {
        if (hop is null) { json.WriteNull(name); return; }
        json.WriteStartObject(name);
        Nullable(json, "ip", hop.Address.IsNone ? null : hop.Address.ToString());
        Nullable(json, "mac", hop.Mac.IsNone ? null : hop.Mac.ToString());
        json.WriteBoolean("router", hop.IsRouter);
        Nullable(json, "name", hop.Name);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }
}
