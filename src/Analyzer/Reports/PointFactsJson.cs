using System.Text.Json;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The per-point parts of a transaction, registration or call in the JSON report: "delivered" with the point
/// that proves it, and "points", what each capture point saw (at most one entry per point, so bounded by the
/// capture-point cap).
/// </summary>
internal static class PointFactsJson
{
    public static void WriteDelivery(Utf8JsonWriter json, DeliveryProof proof)
    {
        json.WriteString("delivered", proof.Delivered);
        SipJson.Str(json, "delivered_at", proof.Point);
        SipJson.Str(json, "delivery_evidence", proof.Evidence);
    }

    /// <summary>"points": one object per point with its id there, the outcome it saw and <see cref="WriteFacts"/>.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<PointFacts> points)
    {
        json.WriteStartArray("points");
        foreach (var p in points)
        {
            json.WriteStartObject();
            json.WriteString("point", p.Point);
            json.WriteNumber("id", p.Id);
            SipJson.Str(json, "outcome", p.Outcome);
            if (p.FinalStatus is int s) json.WriteNumber("final_status", s); else json.WriteNull("final_status");
            JsonReportWriter.WriteFrames(json, "frames", [p.FirstFrame]);
            WriteFacts(json, p);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>What the point saw, beside the fields its entry already has (point, id, outcome, final status).</summary>
    public static void WriteFacts(Utf8JsonWriter json, PointFacts p)
    {
        json.WriteString("seen", p.Seen);
        json.WriteBoolean("request_seen", p.RequestSeen);
        json.WriteNumber("requests", p.Requests);
        SipJson.Str(json, "request_from", p.RequestFrom);
        SipJson.Str(json, "response_to", p.ResponseTo);
        json.WriteString("delivered", p.Delivered);
        SipJson.Str(json, "delivery_evidence", p.DeliveryEvidence);
    }
}
