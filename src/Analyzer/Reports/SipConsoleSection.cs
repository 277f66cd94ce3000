using System.Globalization;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>Console sections for SIP: messages by method and status, transactions, registrations, notable calls.</summary>
internal static class SipConsoleSection
{
    public static void Write(TextWriter o, AnalysisResult result)
    {
        var stats = result.Points.Select(p => p.Sip.Statistics).ToList();
        if (stats.Sum(s => s.Messages) == 0 && stats.Sum(s => s.Malformed) == 0) return;

        o.WriteLine("SIP messages (counted as tshark -z sip,stat counts packets)");
        foreach (var g in stats.SelectMany(s => s.Requests).GroupBy(r => r.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
            o.WriteLine($"  {g.Key,-14} {N(g.Sum(x => x.Value)),8}");
        foreach (var g in stats.SelectMany(s => s.Responses).GroupBy(r => r.Key).OrderBy(g => g.Key))
            o.WriteLine($"  {g.Key,-14} {N(g.Sum(x => x.Value)),8}");
        o.WriteLine($"  {"resent",-14} {N(stats.Sum(s => s.Retransmissions)),8}");
        if (stats.Sum(s => s.QuotedInIcmp) > 0) o.WriteLine($"  {"in ICMP",-14} {N(stats.Sum(s => s.QuotedInIcmp)),8}   (quoted in ICMP errors, not counted above)");
        if (stats.Sum(s => s.Malformed) > 0) o.WriteLine($"  {"malformed",-14} {N(stats.Sum(s => s.Malformed)),8}");
        o.WriteLine();

        Counts(o, "Transactions by outcome", stats.SelectMany(s => s.TransactionsByOutcome.Select(c => KeyValuePair.Create(TransactionOutcomes.WireName(c.Key), c.Value))));
        Counts(o, "Registrations by outcome", stats.SelectMany(s => s.RegistrationsByOutcome.Select(c => KeyValuePair.Create(RegistrationOutcomes.WireName(c.Key), c.Value))));
        Counts(o, "Calls by outcome", stats.SelectMany(s => s.DialogsByOutcome.Select(c => KeyValuePair.Create(DialogOutcomes.WireName(c.Key), c.Value))));
        WriteRegistrations(o, result);
        WriteNotableCalls(o, result);
    }

    private static void Counts(TextWriter o, string title, IEnumerable<KeyValuePair<string, long>> counts)
    {
        var groups = counts.GroupBy(c => c.Key).OrderByDescending(g => g.Sum(x => x.Value)).ToList();
        if (groups.Count == 0) return;
        o.WriteLine(title);
        foreach (var g in groups) o.WriteLine($"  {g.Key,-22} {N(g.Sum(x => x.Value)),8}");
        o.WriteLine();
    }

    private static void WriteRegistrations(TextWriter o, AnalysisResult result)
    {
        var regs = result.Points.SelectMany(p => p.Sip.Registrations.Select(r => (Point: p.Name, Reg: r))).ToList();
        if (regs.Count == 0) return;
        o.WriteLine("Registrations (AOR, client → server, outcome, final response delivered)");
        var delivery = new RegistrationDelivery(result);
        foreach (var (point, r) in regs.Take(40))
        {
            var status = r.FinalStatus is int s ? s.ToString(CultureInfo.InvariantCulture) : "-";
            var where = result.Points.Count > 1 ? $"  [{point}]" : "";
            o.WriteLine($"  {r.Aor,-36} {r.Client,-22} → {r.Server,-22} {Transports.WireName(r.Transport),-4} {RegistrationOutcomes.WireName(r.Outcome),-16} {status,-4} delivered {delivery.Of(r).Delivered}{where}");
        }
        if (regs.Count > 40) o.WriteLine($"  … {regs.Count - 40} more in the JSON/CSV reports");
        o.WriteLine();
    }

    private static void WriteNotableCalls(TextWriter o, AnalysisResult result)
    {
        var calls = result.Points.SelectMany(p => p.Sip.Dialogs).ToList();
        if (calls.Count == 0) return;
        o.WriteLine("Calls (caller → callee, outcome, setup, duration)");
        foreach (var d in calls.Take(20))
        {
            var setup = d.SetupTimeMs is double s ? $"{s:0} ms" : "-";
            var duration = d.DurationMs is double du ? $"{du / 1000:0.0} s" : "-";
            o.WriteLine($"  {d.CallerUri ?? d.Caller,-32} → {d.CalleeUri ?? d.Callee,-32} {DialogOutcomes.WireName(d.Outcome) ?? d.State,-12} {setup,9} {duration,9}");
        }
        if (calls.Count > 20) o.WriteLine($"  … {calls.Count - 20} more in the JSON/CSV reports");
        o.WriteLine();
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
