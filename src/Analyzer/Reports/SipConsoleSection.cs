using System.Globalization;
using PcapSipAnalyzer.Analyzer.Scans;
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

        if (result.Points.Count > 1)
        {
            PerPointCounts.Write(o, "Transactions by outcome", result, static p => p.Sip.Statistics.TransactionsByOutcome, TransactionOutcomes.WireName);
            PerPointCounts.Write(o, "Registrations by outcome", result, static p => p.Sip.Statistics.RegistrationsByOutcome, RegistrationOutcomes.WireName);
            PerPointCounts.Write(o, "Calls by outcome", result, static p => p.Sip.Statistics.DialogsByOutcome, DialogOutcomes.WireName);
        }
        else
        {
            Counts(o, "Transactions by outcome", stats.SelectMany(s => s.TransactionsByOutcome.Select(c => KeyValuePair.Create(TransactionOutcomes.WireName(c.Key), c.Value))));
            Counts(o, "Registrations by outcome", stats.SelectMany(s => s.RegistrationsByOutcome.Select(c => KeyValuePair.Create(RegistrationOutcomes.WireName(c.Key), c.Value))));
            Counts(o, "Calls by outcome", stats.SelectMany(s => s.DialogsByOutcome.Select(c => KeyValuePair.Create(DialogOutcomes.WireName(c.Key), c.Value))));
        }
        // Per capture point, which retained transactions belong to a scan: both lists leave those to the scan finding.
        var memberships = ScanMemberships.Of(result);
        WriteRegistrations(o, result, memberships);
        WriteNotableCalls(o, result, memberships);
    }

    private static void Counts(TextWriter o, string title, IEnumerable<KeyValuePair<string, long>> counts)
    {
        // Ties by name: the tables fill in the order things ended, which says nothing to the reader.
        var groups = counts.GroupBy(c => c.Key).OrderByDescending(g => g.Sum(x => x.Value)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (groups.Count == 0) return;
        o.WriteLine(title);
        foreach (var g in groups) o.WriteLine($"  {g.Key,-22} {N(g.Sum(x => x.Value)),8}");
        o.WriteLine();
    }

    // One line per registration however many points saw it; with several points, what each saw after it.
    private static void WriteRegistrations(TextWriter o, AnalysisResult result, ScanMemberships memberships)
    {
        var regs = MergedRegistration.All(result);
        if (regs.Count == 0) return;
        bool several = result.Points.Count > 1;
        // A scanner's attempts are summed up in the sip-scan finding: listed one by one they would be all forty lines
        // and hide the phones' registrations behind them.
        // One the registrar accepted stays listed: a scanner that registered has guessed a password.
        var listed = regs.Where(m => m.Outcome == RegistrationOutcome.Registered
                                     || !memberships.Covers(m.Lead.Point, m.Lead)).ToList();
        int ofScans = regs.Count - listed.Count;
        o.WriteLine("Registrations (AOR, client → server, outcome, final response delivered" + (several ? "; what each capture point saw)" : ")"));
        // The AOR's column widens to the longest listed (an IMS AOR runs past 50 characters), up to a cap past which
        // an AOR is cut: the rows stay in line either way, and the JSON and CSV reports have every AOR whole.
        var shown = listed.Take(40).ToList();
        int aorWidth = ConsoleColumn.WidthOf(shown.Select(m => m.Lead.Aor), 36, 56);
        foreach (var m in shown)
        {
            var status = m.FinalStatus is int s ? s.ToString(CultureInfo.InvariantCulture) : "-";
            var where = several ? $"  [{PointList.Text(m.Points, PointList.ConsolePoints, " · ")}]" : "";
            o.WriteLine($"  {ConsoleColumn.Cell(m.Lead.Aor, aorWidth)} {m.Client,-22} → {m.Server,-22} {Transports.WireName(m.Lead.Transport),-4} {RegistrationOutcomes.WireName(m.Outcome),-16} {status,-4} delivered {m.Delivery.Text(several)}{where}");
        }
        if (listed.Count > 40) o.WriteLine($"  … {listed.Count - 40} more in the JSON/CSV reports");
        if (ofScans > 0)
            o.WriteLine($"  … and {N(ofScans)} attempt{(ofScans == 1 ? "" : "s")} by scanners, counted in the sip-scan finding (listed in the JSON/CSV reports)");
        o.WriteLine();
    }

    private static void WriteNotableCalls(TextWriter o, AnalysisResult result, ScanMemberships memberships)
    {
        var all = MergedDialog.All(result);
        if (all.Count == 0) return;
        // A scanner's INVITEs (toll-fraud probes) are in the sip-scan finding, as its REGISTERs are.
        var calls = all.Where(m => m.Lead.InitialInvite is not { } invite || invite.FinalStatus is >= 200 and < 300
                                   || !memberships.Covers(m.Lead.Point, invite)).ToList();
        int ofScans = all.Count - calls.Count;
        bool several = result.Points.Count > 1;
        o.WriteLine("Calls (caller → callee, outcome, setup, duration" + (several ? "; what each capture point saw of the INVITE)" : ")"));
        bool upAtEnd = false, quietAtEnd = false;
        // As the registrations' AORs: each URI column as wide as its longest URI, up to a cap.
        var shown = calls.Take(20).ToList();
        int callerWidth = ConsoleColumn.WidthOf(shown.Select(m => m.Lead.CallerUri ?? m.Caller), 32, 48);
        int calleeWidth = ConsoleColumn.WidthOf(shown.Select(m => m.Lead.CalleeUri ?? m.Callee), 32, 48);
        foreach (var m in shown)
        {
            var d = m.Lead;
            var setup = d.SetupTimeMs is double s ? $"{s:0} ms" : "-";
            var where = several ? $"  [{PointList.Text(m.Points, PointList.ConsolePoints, " · ")}]" : "";
            bool open = OpenEnded(d);
            var duration = d.DurationMs is double ms ? $"{(open ? "≥" : "")}{ms / 1000:0.0} s" : "-";
            o.WriteLine($"  {ConsoleColumn.Cell(d.CallerUri ?? m.Caller, callerWidth)} → {ConsoleColumn.Cell(d.CalleeUri ?? m.Callee, calleeWidth)} {DialogOutcomes.WireName(d.Outcome) ?? d.State,-12} {setup,9} {duration,9}{where}");
            if (open)
            {
                if (d.EndedByCaptureEnd) upAtEnd = true; else quietAtEnd = true;
            }
        }
        // An answered call without a BYE in the capture lasted at least as long as shown, not that long: without the
        // mark it read as a call that had ended.
        if (upAtEnd) o.WriteLine("  ≥ no BYE: the call was still up when the capture ended");
        if (quietAtEnd) o.WriteLine("  ≥ no BYE: the call's signalling went quiet (timed out or set aside); it lasted at least this long");
        if (calls.Count > 20) o.WriteLine($"  … {calls.Count - 20} more in the JSON/CSV reports");
        if (ofScans > 0)
            o.WriteLine($"  … and {N(ofScans)} call attempt{(ofScans == 1 ? "" : "s")} by scanners, counted in the sip-scan finding (listed in the JSON/CSV reports)");
        o.WriteLine();
    }

    // Answered, and no BYE ended it: still up at the capture's end, or its signalling went quiet until the idle
    // timeout or an eviction set it aside. Its duration runs to its last message or the capture's end.
    private static bool OpenEnded(Dialog d) =>
        d.AnswerNs is not null && d.ByeNs is null && (d.EndedByCaptureEnd || d.State != DialogState.Terminated);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
