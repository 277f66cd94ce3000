using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The SIP parts of the JSON report: "sip" (counted as tshark's -z sip,stat counts packets, summed over the
/// capture points), "transactions", "dialogs" and "registrations", every frame as {"capture", "frame"}.
/// </summary>
public static class SipJson
{
    public static void Write(Utf8JsonWriter json, AnalysisResult result)
    {
        WriteStatistics(json, result);
        var paths = result.Paths.ToDictionary(p => p.Transaction);

        WritePerPoint(json, "transactions", result, p => p.Sip.Transactions,
            (t, point) => WriteTransaction(json, t, point, paths.GetValueOrDefault(t), result));
        WritePerPoint(json, "dialogs", result, p => p.Sip.Dialogs, (d, point) => WriteDialog(json, d, point));
        WritePerPoint(json, "registrations", result, p => p.Sip.Registrations, (r, point) => WriteRegistration(json, r, point));
    }

    // One array over every capture point's items, flushed as it grows so a large report never sits whole in memory.
    private static void WritePerPoint<T>(Utf8JsonWriter json, string name, AnalysisResult result,
        Func<CapturePoint, IEnumerable<T>> items, Action<T, string> write)
    {
        json.WriteStartArray(name);
        foreach (var point in result.Points)
            foreach (var item in items(point))
            {
                write(item, point.Name);
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

    private static void WriteCounts(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, long>> counts)
    {
        json.WriteStartObject(name);
        foreach (var g in counts.GroupBy(c => c.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
            json.WriteNumber(g.Key, g.Sum(c => c.Value));
        json.WriteEndObject();
    }

    private static void WriteTransaction(Utf8JsonWriter json, Transaction t, string point, TransactionPath? path, AnalysisResult result)
    {
        json.WriteStartObject();
        json.WriteNumber("id", t.Id);
        json.WriteString("point", point);
        json.WriteString("method", t.Method);
        Str(json, "call_id", t.CallId);
        json.WriteNumber("cseq", t.CSeq);
        json.WriteString("branch", t.Branch);
        json.WriteString("transport", Transports.WireName(t.Transport));
        json.WriteString("client", t.Client);
        json.WriteString("server", t.Server);
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

    private static void WriteDialog(Utf8JsonWriter json, Dialog d, string point)
    {
        json.WriteStartObject();
        json.WriteNumber("id", d.Id);
        json.WriteString("point", point);
        json.WriteString("call_id", d.CallId);
        json.WriteString("caller", d.Caller);
        json.WriteString("callee", d.Callee);
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
        json.WriteEndObject();
    }

    private static void WriteRegistration(Utf8JsonWriter json, Registration r, string point)
    {
        json.WriteStartObject();
        json.WriteNumber("id", r.Id);
        json.WriteString("point", point);
        json.WriteString("aor", r.Aor);
        Str(json, "contact", r.Contact);
        json.WriteString("client", r.Client);
        json.WriteString("server", r.Server);
        json.WriteString("transport", Transports.WireName(r.Transport));
        json.WriteString("call_id", r.CallId);
        Str(json, "outcome", RegistrationOutcomes.WireName(r.Outcome));
        if (r.FinalStatus is int s) json.WriteNumber("final_status", s); else json.WriteNull("final_status");
        Str(json, "username", r.Username);
        Str(json, "realm", r.Realm);
        if (r.GrantedExpires is int e) json.WriteNumber("expires", e); else json.WriteNull("expires");
        Num(json, "since_previous_ms", r.SincePreviousMs);
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
        json.WriteEndObject();
    }

    private static void Str(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }

    private static void Num(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v) JsonDoubles.Write(json, name, v); else json.WriteNull(name);
    }
}
