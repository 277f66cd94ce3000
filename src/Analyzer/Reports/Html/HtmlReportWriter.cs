using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// <c>--html FILE</c>: one self-contained page to attach to a ticket. The causes first (the console's first
/// screen), then a ladder diagram per flagged registration or call under its cause, then the RTP streams with
/// their jitter and loss over time, and the tables. Nothing is loaded from anywhere: inline CSS and SVG, no script, and a Content-Security-Policy that
/// forbids everything else, so even markup a capture smuggled past the escaping could neither run nor call out.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Ladders drawn per report; the flagged items beyond are counted.</summary>
    public const int MaxLadders = 20;
    /// <summary>Ladders drawn per cause: its findings share one explanation, so their ladders look alike.</summary>
    public const int LaddersPerCause = 3;
    /// <summary>RTP streams plotted over time per report; the streams beyond are counted.</summary>
    public const int MaxPlots = 20;
    private const int MaxCauses = 50;
    // A cause's sentences quote Call-IDs and filters: cut like a table cell, never the size of a header.
    private const int MaxText = 2000;

    public static void Write(Stream stream, AnalysisResult result, string toolVersion)
    {
        var html = new StringBuilder(64 * 1024);
        Head(html, result, toolVersion);
        Causes(html, result);
        var tables = ReportTables.Build(result);
        Streams(html, result, tables);
        Tables(html, tables);
        html.Append("</body>\n</html>\n");
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(html);
    }

    private static void Head(StringBuilder html, AnalysisResult result, string toolVersion)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>pcapsip: ").Append(HtmlText.Encode(string.Join(", ", result.Captures.Take(4).Select(c => Path.GetFileName(c.Input.Path)))))
            .Append("</title>\n<style>\n").Append(HtmlStyle.Css).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>pcapsip report</h1>\n<p class=\"note\">pcapsip ").Append(HtmlText.Encode(toolVersion)).Append(" · ");
        foreach (var capture in result.Captures.Take(16))
            html.Append(CultureInfo.InvariantCulture, $"capture {capture.Index}: <code>{HtmlText.Encode(capture.Input.Path)}</code> ({capture.Summary.Packets:N0} packets) · ");
        if (result.Captures.Count > 16) html.Append(CultureInfo.InvariantCulture, $"{result.Captures.Count - 16} more captures · ");
        html.Append("frames are cited as capture:frame.</p>\n");
    }

    private static void Causes(StringBuilder html, AnalysisResult result)
    {
        var causes = result.Causes;
        html.Append("<h2>Diagnosis</h2>\n");
        // The console's first lines, word for word: what limits the verdict, then the verdict.
        foreach (var line in DiagnosisConsoleSection.Verdict(result))
            html.Append("<p class=\"verdict\">").Append(HtmlText.Encode(line, MaxText)).Append("</p>\n");
        var items = new FlaggedItems(result);
        var builder = new LadderBuilder(result);
        var drawn = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var connections = new HashSet<(string Client, string Server)>();
        int notDrawn = 0, ladders = 0;
        foreach (var cause in causes.Take(MaxCauses))
        {
            Cause(html, cause);
            // An attack is many attempts alike: their pace and spread over addresses is its picture, before one of them.
            if (cause.Kind == CauseKind.PasswordGuessing)
                AttemptPlot.Write(html, cause, MergedTransaction.All(result), result.StateEvictions.GetValueOrDefault("sip-transactions-not-retained") > 0);
            // A route that breaks a hundred phones draws the same ladder a hundred times: a few show it, and the
            // causes after it keep their pictures.
            int inCause = 0, alike = 0;
            foreach (var finding in cause.Findings)
            {
                // A message that never arrived whole reached no SIP engine there: its ladder is its fragments'.
                bool fragments = finding.Kind == FindingKind.SipFragmentsLost;
                // Dropped fragments are drawn by their messages' ladders: a transaction's ladder of the same message
                // (seen whole before the loss, unanswered) would draw it reaching the server.
                if (cause.Kind == CauseKind.FragmentsDropped && !fragments) continue;
                var item = fragments ? null : items.Of(finding);
                // A TCP connection whose handshake failed carried no SIP message: its ladder is the handshake.
                bool fresh = fragments ? drawn.Add(finding)
                    : item is { Transactions.Count: > 0 } ? drawn.Add(item.Value.Key)
                    : finding is { CallId: null, Transport: Transport.Tcp or Transport.Tls, Client: { } client, Server: { } server } && connections.Add((client, server));
                if (!fresh) continue;
                if (inCause >= LaddersPerCause)
                {
                    alike++;
                    continue;
                }
                if (ladders >= MaxLadders)
                {
                    notDrawn++;
                    continue;
                }
                var ladder = fragments ? builder.BuildForFragments(finding)
                    : item is { Transactions.Count: > 0 } found ? builder.Build(found.Title, found.Transactions)
                    : builder.BuildForConnection($"TCP {finding.Client} → {finding.Server} (no SIP message: the handshake never completed)", finding.Client!, finding.Server!);
                if (ladder is null) continue;
                inCause++;
                ladders++;
                html.Append("<h3 class=\"ladder-title\">").Append(HtmlText.Encode($"{finding.Id}: {ladder.Title}", 400)).Append("</h3>\n");
                LadderSvg.Write(html, ladder);
                if (ladder.ArrowsNotDrawn > 0)
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"more\">{ladder.ArrowsNotDrawn} more messages not drawn.</p>\n");
            }
            if (alike > 0)
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"more\">{alike} more flagged registration{(alike == 1 ? "" : "s")} or call{(alike == 1 ? "" : "s")} of {HtmlText.Encode(cause.Id)} not drawn: the same cause, the same picture (each in the findings table and in --annotate).</p>\n");
        }
        if (causes.Count > MaxCauses) html.Append(CultureInfo.InvariantCulture, $"<p class=\"more\">… and {causes.Count - MaxCauses} more causes (all of them in --json).</p>\n");
        if (notDrawn > 0) html.Append(CultureInfo.InvariantCulture, $"<p class=\"more\">{notDrawn} more flagged registrations or calls have no ladder here (at most {MaxLadders} are drawn).</p>\n");
    }

    // The same facts as the console's first screen, from the same Cause objects.
    private static void Cause(StringBuilder html, Cause c)
    {
        string severity = FindingsJson.SeverityName(c.Severity);
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"cause {severity}\" id=\"{HtmlText.Encode(c.Id)}\">\n<p><span class=\"sev\">{severity}</span> <b>{HtmlText.Encode(c.Id)}</b> <code>{HtmlText.Encode(CauseKinds.WireName(c.Kind))}</code>: {HtmlText.Encode(c.Summary, MaxText)}</p>\n<dl>");
        Row("fix", c.Fix);
        if (c.ClientCount > 0)
        {
            string clients = string.Join(", ", c.Clients.Take(20)) + (c.ClientCount > 20 ? $" and {c.ClientCount - 20} more" : "") +
                             $" ({c.ClientCount} {CauseKinds.ClientRole(c.Kind)}{(c.Subnet is { } s ? $" in {s}" : "")})" +
                             (c.HealthyClients.Count > 0 ? $"; working: {string.Join(", ", c.HealthyClients.Take(5))}" : "");
            Row("clients", clients);
        }
        Row("symptom", c.Symptom);
        if (c.FirstSeenNs != 0) Row("seen", Timestamps.ClockSpan(c.FirstSeenNs, c.LastSeenNs));
        if (c.LateAnswers is { } late) Row("late", $"{late.Count} × {string.Join(" / ", late.Statuses)}: {late.Explanation}");
        Row("evidence", $"{string.Join(", ", c.Findings.Take(20).Select(f => f.Id))}{(c.Findings.Count > 20 ? " …" : "")}; frames " +
                        $"{string.Join(", ", c.Frames.Take(20))}{(c.FrameCount > 20 ? $" … ({c.FrameCount} frames)" : "")}");
        if (c.WiresharkFilter is not null)
            html.Append("<dt>filter</dt><dd><code>").Append(HtmlText.Encode(c.WiresharkFilter, MaxText)).Append("</code></dd>");
        html.Append("</dl>\n</div>\n");

        void Row(string name, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            html.Append("<dt>").Append(name).Append("</dt><dd>").Append(HtmlText.Encode(value, MaxText)).Append("</dd>");
        }
    }

    // The table first (every stream, capped like the others), then each stream's course over time.
    private static void Streams(StringBuilder html, AnalysisResult result, ReportTables tables)
    {
        html.Append("<h2>RTP streams</h2>\n");
        HtmlTable.Write(html, "RTP streams", tables.RtpStreams);
        if (result.RtpStreams.Count == 0) return;
        html.Append("<h3>Jitter and loss over time</h3>\n<p class=\"note\">Per stream: lost packets (expected by sequence number − received) as red bars, ")
            .Append("mean jitter as a blue line and its maximum as a lighter one, in equal slices of the stream's life; the lowest MOS first.</p>\n");
        var points = new PointNames(result);
        // The worst calls first (lowest MOS; unscored streams last), so the plots the cap keeps are the ones to look at.
        foreach (var stream in result.RtpStreams.OrderBy(s => Rtp.StreamQuality.Of(s)?.Mos ?? double.MaxValue).Take(MaxPlots))
        {
            string point = points.Of(stream.Key.Capture, stream.Key.InterfaceId);
            var s = stream.Statistics;
            html.Append("<h4 class=\"plot-title\">").Append(HtmlText.Encode(string.Create(CultureInfo.InvariantCulture,
                    $"{stream} · {stream.PayloadNames} · {point} · from {Timestamps.Clock(stream.StartNs)} · {s.Packets:N0} packets, {s.Lost:N0} lost, max jitter {s.MaxJitter:0.##} ms"), 400))
                .Append("</h4>\n");
            RtpStreamPlot.Write(html, stream, point);
            if (stream.TimeSeries.Folded)
                html.Append("<p class=\"more\">The first slice also holds the packets that came before the stream was recognised as RTP, or, past the cap of streams with a time series, all of them.</p>\n");
        }
        if (result.RtpStreams.Count > MaxPlots)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"more\">{result.RtpStreams.Count - MaxPlots} more streams have no plot here (at most {MaxPlots} are drawn; every stream is in the table and in --json).</p>\n");
    }

    private static List<TRow> ScannerLast<TRow>(List<TRow> rows, Func<TRow, bool> scanner)
    {
        if (!rows.Exists(r => scanner(r))) return rows;
        var ordered = new List<TRow>(rows.Count);
        ordered.AddRange(rows.Where(r => !scanner(r)));
        ordered.AddRange(rows.Where(scanner));
        return ordered;
    }

    private static void Tables(StringBuilder html, ReportTables tables)
    {
        html.Append("<h2>Tables</h2>\n<p class=\"note\">The same rows as --csv and --parquet, the first ").Append(HtmlTable.MaxRows)
            .Append(" of each; a scanner's rejected or unanswered attempts (by_scanner, counted in the sip-scan finding) after the others.</p>\n");
        HtmlTable.Write(html, "Findings", tables.Findings);
        // On a scanned uplink the scanner's rows are most of a table: in capture order they would fill the page before
        // the first phone. What it got accepted stays among the others.
        HtmlTable.Write(html, "Registrations", ScannerLast(tables.Registrations, r => r.ByScanner && r.Outcome != Sip.RegistrationOutcomes.WireName(Sip.RegistrationOutcome.Registered)));
        HtmlTable.Write(html, "Dialogs", ScannerLast(tables.Dialogs, d => d.ByScanner && d.FinalStatus is not (>= 200 and < 300)));
        HtmlTable.Write(html, "Transactions", ScannerLast(tables.Transactions, t => t.ByScanner && !(t.FinalStatus is >= 200 and < 300 && t.Method is "REGISTER" or "INVITE")));
        HtmlTable.Write(html, "Captures", tables.Captures);
    }
}
