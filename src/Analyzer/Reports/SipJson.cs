using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The SIP parts of the JSON report: "sip" (counted as tshark's -z sip,stat counts packets, summed over the
/// capture points), "transactions", "dialogs" and "registrations" (each once however many capture points saw it,
/// with "points": what each point saw), every frame as {"capture", "frame"}.
/// </summary>
public static class SipJson
{
    public static void Write(Utf8JsonWriter json, AnalysisResult result)
    {
        WriteStatistics(json, result);
        var paths = result.Paths.ToDictionary(p => p.Transaction);

        WriteArray(json, "transactions", MergedTransaction.All(result),
            m => WriteTransaction(json, m, paths.GetValueOrDefault(m.Lead), result));
        WriteArray(json, "dialogs", MergedDialog.All(result), m => WriteDialog(json, m));
        WriteArray(json, "registrations", MergedRegistration.All(result), m => WriteRegistration(json, m, result));
    }

    // One entry per item however many capture points saw it, flushed as the array grows so a large report never
    // sits whole in memory.
    private static void WriteArray<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<T> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            write(item);
            JsonFlush.WhenLarge(json);
        }
        json.WriteEndArray();
    }

    private static void WriteStatistics(Utf8JsonWriter json, AnalysisResult result)
    {
        var requests = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var responses = new SortedDictionary<int, long>();
        long retransmissions = 0, quoted = 0, malformed = 0;
        foreach (var s in result.Points.Select(p => p.Sip.Statistics))
        {
            foreach (var (method, n) in s.Requests) requests[method] = requests.GetValueOrDefault(method) + n;
            foreach (var (code, n) in s.Responses) responses[code] = responses.GetValueOrDefault(code) + n;
            retransmissions += s.Retransmissions;
            quoted += s.QuotedInIcmp;
            malformed += s.Malformed;
        }
        json.WriteStartObject("sip");
        json.WriteStartObject("requests");
        foreach (var (method, n) in requests) json.WriteNumber(method, n);
        json.WriteEndObject();
        json.WriteStartObject("responses");
        foreach (var (code, n) in responses) json.WriteNumber(code.ToString(System.Globalization.CultureInfo.InvariantCulture), n);
        json.WriteEndObject();
        json.WriteNumber("retransmissions", retransmissions);
        json.WriteNumber("quoted_in_icmp", quoted);
        json.WriteNumber("malformed", malformed);
        WriteCounts(json, "transactions_by_outcome", result.Points.SelectMany(p => p.Sip.Statistics.TransactionsByOutcome.Select(c => KeyValuePair.Create(TransactionOutcomes.WireName(c.Key), c.Value))));
        WriteCounts(json, "registrations_by_outcome", result.Points.SelectMany(p => p.Sip.Statistics.RegistrationsByOutcome.Select(c => KeyValuePair.Create(RegistrationOutcomes.WireName(c.Key), c.Value))));
        WriteCounts(json, "dialogs_by_outcome", result.Points.SelectMany(p => p.Sip.Statistics.DialogsByOutcome.Select(c => KeyValuePair.Create(DialogOutcomes.WireName(c.Key), c.Value))));
        json.WriteEndObject();
    }

    /// <summary>
    /// A "points" entry's own counts by outcome: what that point saw, since the sums under "sip" count an item
    /// once per point that saw it.
    /// </summary>
    public static void WritePointOutcomes(Utf8JsonWriter json, CapturePoint point)
    {
        var stats = point.Sip.Statistics;
        WriteCounts(json, "transactions_by_outcome", stats.TransactionsByOutcome.Select(c => KeyValuePair.Create(TransactionOutcomes.WireName(c.Key), c.Value)));
        WriteCounts(json, "registrations_by_outcome", stats.RegistrationsByOutcome.Select(c => KeyValuePair.Create(RegistrationOutcomes.WireName(c.Key), c.Value)));
        WriteCounts(json, "dialogs_by_outcome", stats.DialogsByOutcome.Select(c => KeyValuePair.Create(DialogOutcomes.WireName(c.Key), c.Value)));
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, long>> counts)
    {
        json.WriteStartObject(name);
        foreach (var g in counts.GroupBy(c => c.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
            json.WriteNumber(g.Key, g.Sum(c => c.Value));
        json.WriteEndObject();
    }

    private static void WriteTransaction(Utf8JsonWriter json, MergedTransaction merged, TransactionPath? path, AnalysisResult result)
    {
        var t = merged.Lead;
        json.WriteStartObject();
        json.WriteNumber("id", t.Id);
        json.WriteString("point", merged.LeadPoint);
        json.WriteString("method", t.Method);
        Str(json, "call_id", t.CallId);
        json.WriteNumber("cseq", t.CSeq);
        json.WriteString("branch", t.Branch);
        json.WriteString("transport", Transports.WireName(t.Transport));
        json.WriteString("client", merged.Client);
        json.WriteString("server", merged.Server);
        Str(json, "request_uri", t.RequestUri);
        Str(json, "from", t.FromUri);
        Str(json, "to", t.ToUri);
        Str(json, "user_agent", t.UserAgent);
        JsonReportWriter.WriteTimestamp(json, "first_ts", t.RequestSeen ? t.FirstRequestNs : t.FirstResponseNs);
        JsonReportWriter.WriteFrames(json, "request_frames", t.RequestFrames);
        json.WriteNumber("retransmissions", t.Retransmissions);
        json.WriteStartArray("responses");
        foreach (var g in t.Responses)
        {
            json.WriteStartObject();
            json.WriteNumber("status", g.Status);
            Str(json, "reason", g.Reason);
            JsonReportWriter.WriteFrames(json, "frames", g.Frames);
            json.WriteNumber("retransmissions", g.Retransmissions);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (t.FinalStatus is int final) json.WriteNumber("final_status", final); else json.WriteNull("final_status");
        if (t.ResponseTimeMs is double ms) JsonDoubles.Write(json, "response_time_ms", ms); else json.WriteNull("response_time_ms");
        json.WriteString("outcome", TransactionOutcomes.WireName(t.Outcome));
        json.WriteBoolean("authenticated", t.Credentials is not null);
        JsonReportWriter.WriteFrames(json, "ack_frames", t.AckFrames);
        if (path is not null) WritePath(json, path);
        Points.CorrelationJson.WriteMessages(json, t, result);
        PointFactsJson.WriteDelivery(json, merged.Delivery);
        PointFactsJson.Write(json, merged.Points);
        json.WriteEndObject();
    }

    private static void WritePath(Utf8JsonWriter json, TransactionPath path)
    {
        json.WriteStartObject("path");
        WriteHop(json, "request_from", path.RequestHop);
        WriteHop(json, "response_to", path.ResponseHop);
        if (path.ExpectedHop is not null) WriteHop(json, "expected", path.ExpectedHop);
        json.WriteNumber("request_vlan", path.RequestVlan);
        json.WriteNumber("response_vlan", path.ResponseVlan);
        json.WriteNumber("request_ttl", path.RequestTtl);
        json.WriteNumber("response_ttl", path.ResponseTtl);
        json.WriteBoolean("symmetric", path.Symmetric && !path.AgainstTopology);
        json.WriteString("delivery", ResponseDeliveries.WireName(path.Delivery));
        json.WriteString("evidence", path.DeliveryEvidence);
        json.WriteNumber("retransmissions_after_response", path.RetransmissionsAfterResponse);
        json.WriteEndObject();
    }

    private static void WriteHop(Utf8JsonWriter json, string name, NextHop? hop)
    {
        if (hop is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("mac", hop.Mac.ToString());
        Str(json, "ip", hop.Address.IsNone ? null : hop.Address.ToString());
        json.WriteBoolean("router", hop.IsRouter);
        Str(json, "name", hop.Name);
        json.WriteEndObject();
    }

    private static void WriteDialog(Utf8JsonWriter json, MergedDialog merged)
    {
        var d = merged.Lead;
        json.WriteStartObject();
        json.WriteNumber("id", d.Id);
        json.WriteString("point", merged.LeadPoint);
        json.WriteString("call_id", d.CallId);
        json.WriteString("caller", merged.Caller);
        json.WriteString("callee", merged.Callee);
        Str(json, "caller_uri", d.CallerUri);
        Str(json, "callee_uri", d.CalleeUri);
        json.WriteString("transport", Transports.WireName(d.Transport));
        json.WriteString("state", d.State);
        Str(json, "outcome", DialogOutcomes.WireName(d.Outcome));
        if (d.FinalStatus is int s) json.WriteNumber("final_status", s); else json.WriteNull("final_status");
        JsonReportWriter.WriteTimestamp(json, "invite_ts", d.InviteNs);
        JsonReportWriter.WriteFrames(json, "invite_frames", [d.InviteFrame]);
        Num(json, "setup_time_ms", d.SetupTimeMs);
        Num(json, "duration_ms", d.DurationMs);
        Str(json, "hung_up_by", d.HungUpBy);
        JsonReportWriter.WriteFrames(json, "bye_frames", d.ByeFrames);
        json.WriteStartArray("transaction_ids");
        foreach (var id in d.TransactionIds) json.WriteNumberValue(id);
        json.WriteEndArray();
        PointFactsJson.Write(json, merged.Points);
        json.WriteEndObject();
    }

    // The merged registration, then under "points" each point's own registration with what that point saw.
    private static void WriteRegistration(Utf8JsonWriter json, MergedRegistration merged, AnalysisResult result)
    {
        json.WriteStartObject();
        WriteRegistrationFields(json, merged.Lead, merged.LeadPoint, merged.Client, merged.Server, merged.Outcome, merged.FinalStatus, whole: true);
        PointFactsJson.WriteDelivery(json, merged.Delivery);
        json.WriteStartArray("points");
        for (int i = 0; i < merged.AtPoints.Count; i++)
        {
            var r = merged.AtPoints[i];
            json.WriteStartObject();
            WriteRegistrationFields(json, r, result.Points[r.Point].Name, r.Client, r.Server, r.Outcome, r.FinalStatus, whole: false);
            PointFactsJson.WriteFacts(json, merged.Points[i]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // A point's entry (whole: false) leaves out what every point shares (AOR, Call-ID, transport, credentials).
    private static void WriteRegistrationFields(Utf8JsonWriter json, Registration r, string point, string client, string server,
        RegistrationOutcome? outcome, int? finalStatus, bool whole)
    {
        json.WriteNumber("id", r.Id);
        json.WriteString("point", point);
        if (whole)
        {
            json.WriteString("aor", r.Aor);
            Str(json, "contact", r.Contact);
        }
        json.WriteString("client", client);
        json.WriteString("server", server);
        if (whole)
        {
            json.WriteString("transport", Transports.WireName(r.Transport));
            json.WriteString("call_id", r.CallId);
        }
        Str(json, "outcome", RegistrationOutcomes.WireName(outcome));
        if (finalStatus is int s) json.WriteNumber("final_status", s); else json.WriteNull("final_status");
        if (whole)
        {
            Str(json, "username", r.Username);
            Str(json, "realm", r.Realm);
            if (r.GrantedExpires is int e) json.WriteNumber("expires", e); else json.WriteNull("expires");
            Num(json, "since_previous_ms", r.SincePreviousMs);
        }
        JsonReportWriter.WriteTimestamp(json, "start_ts", r.StartNs);
        json.WriteStartArray("transactions");
        foreach (var step in r.Steps)
        {
            json.WriteStartObject();
            json.WriteNumber("id", step.TransactionId);
            json.WriteNumber("cseq", step.CSeq);
            json.WriteBoolean("with_credentials", step.WithCredentials);
            if (step.FinalStatus is int fs) json.WriteNumber("final_status", fs); else json.WriteNull("final_status");
            json.WriteNumber("retransmissions", step.Retransmissions);
            JsonReportWriter.WriteFrames(json, "frames", [step.FirstFrame]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    internal static void Str(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }

    private static void Num(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v) JsonDoubles.Write(json, name, v); else json.WriteNull(name);
    }
}
