using System.Globalization;
using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The report's first screen: the answer. One line per cause, the worst first, with the change that fixes
/// it, the clients it hits and where the evidence is; or, for a healthy capture, that nothing is wrong and
/// what that rests on. Everything else in the report supports these lines.
/// </summary>
internal static class DiagnosisConsoleSection
{
    private const int ClientsShown = 8;
    private const int FramesShown = 12;

    public static void Write(TextWriter o, AnalysisResult result)
    {
        var causes = result.Causes;
        var verdict = Verdict(result);
        foreach (var line in verdict) o.WriteLine(line);
        if (result.Captures.Sum(c => c.Summary.Packets) == 0)
        {
            o.WriteLine();
            return;
        }
        bool severalCaptures = result.Captures.Count > 1;
        foreach (var c in causes)
        {
            o.WriteLine();
            o.WriteLine($"[{FindingsJson.SeverityName(c.Severity).ToUpperInvariant()}] {c.Id} {CauseKinds.WireName(c.Kind)}: {c.Summary}");
            if (c.Fix.Length > 0) o.WriteLine($"  fix       {c.Fix}");
            if (c.ClientCount > 0) o.WriteLine($"  clients   {Clients(c)}");
            if (c.Symptom is not null) o.WriteLine($"  symptom   {c.Symptom}");
            if (c.FirstSeenNs != 0) o.WriteLine($"  seen      {Timestamps.ClockSpan(c.FirstSeenNs, c.LastSeenNs)}");
            if (c.LateAnswers is { } late) o.WriteLine($"  late      {LateAnswers(late, severalCaptures)}");
            o.WriteLine($"  evidence  {FindingIds(c)}; frames {Frames(c, severalCaptures)}");
            if (c.WiresharkFilter is not null) o.WriteLine($"  filter    {c.WiresharkFilter}");
        }
        o.WriteLine();
    }

    // Without any SIP there is no verdict to give, only where to capture: "no problem found" would reassure about
    // signalling nobody saw.
    /// <summary>
    /// The report's first lines, the answer before its evidence (the console's and the HTML's): what limits the
    /// verdict (inputs cut short, SIP over TLS), then the verdict itself.
    /// </summary>
    internal static List<string> Verdict(AnalysisResult result)
    {
        var lines = new List<string>(3);
        var causes = result.Causes;
        int errors = causes.Count(c => c.Severity == Severity.Error);
        int warnings = causes.Count(c => c.Severity == Severity.Warning);
        var refused = causes.Find(c => c.Kind == CauseKind.CredentialsRejected) ?? causes.Find(c => c.Kind == CauseKind.RegistrationRefused);
        long packets = result.Captures.Sum(c => c.Summary.Packets);
        // "No problem" is a verdict about packets: without any, or with inputs that could not be read to the
        // end, the first line says so instead.
        if (packets == 0)
        {
            // A file that is whole but empty is another story than a damaged one: a capture filter or an interface
            // that caught nothing, or a capture stopped at once.
            lines.Add(result.Captures.Any(c => c.Error is not null || c.Summary.Truncated || c.Summary.Warnings.Count > 0)
                ? "Nothing to diagnose: no packet could be read (the capture errors are below)."
                : $"Nothing to diagnose: the {(result.Captures.Count == 1 ? "capture holds" : "captures hold")} no packets "
                  + "(was the capture taken on the right interface, with a filter that matches the SIP traffic?).");
            return lines;
        }
        // A file cut short (a capture stopped mid-write, a partial copy) counts too: its verdict covers only the start.
        int broken = result.Captures.Count(c => c.Error is not null || c.Summary.Truncated);
        if (broken > 0)
            lines.Add($"Not every input was read to the end ({broken} of {result.Captures.Count}, see the capture errors below): the diagnosis covers the packets before the damage.");
        // Only port 5061 is named as SIP: TLS elsewhere (messengers, 5223, 8443) is most often not SIP at all.
        long encrypted = result.Points.Sum(p => p.TcpCounters.SipTlsPortConnections);
        bool noSip = result.Captures.Sum(c => c.Protocols.Sip) == 0;
        // SIP over TLS is not read: a verdict about the clear-text SIP says nothing about the phones that use it.
        if (encrypted > 0 && !noSip)
            lines.Add($"{Count(encrypted, "TLS connection")} on port 5061 (SIP over TLS) could not be read: the registrations and calls inside "
                      + $"{(encrypted == 1 ? "it are" : "them are")} not in this diagnosis.");
        // A registrar that refused before any challenge checked no password: the first line must not say it did.
        if (errors + warnings == 0 && refused is { Kind: CauseKind.RegistrationRefused })
            lines.Add($"No routing problem found: the registrar refused the registration of {Count(refused.ClientCount, "client")} ({refused.Id}) before asking for a password; {Basis(result)}{ScanNote(causes)}.");
        else if (errors + warnings == 0 && refused is not null)
            lines.Add($"No routing problem found: the registrar refused the password of {Count(refused.ClientCount, "client")} ({refused.Id}), a genuine credentials failure; {Basis(result)}{ScanNote(causes)}.");
        else if (errors + warnings == 0 && causes.Count == 0 && noSip)
            lines.Add(NoSip(packets, result.RtpStreams.Count, encrypted));
        else if (errors + warnings == 0)
            lines.Add($"No routing or registration problem found: {Basis(result)}{ScanNote(causes)}.");
        else
            lines.Add($"Diagnosis: {Count(errors, "error")}, {Count(warnings, "warning")}" +
                      $"{(causes.Count > errors + warnings ? $", {causes.Count - errors - warnings} info" : "")} — the causes first, then the evidence.");
        return lines;
    }

    // Encrypted connections that may carry the SIP change where to capture: where TLS ends, not elsewhere on the path.
    private static string NoSip(long packets, int rtpStreams, long encrypted) =>
        $"Nothing to diagnose: {(packets == 1 ? "the one packet is not" : $"none of the {Count(packets, "packet")} is")} SIP "
        + (encrypted > 0
            ? $"in clear text, but {Count(encrypted, "TLS connection")} on port 5061 {(encrypted == 1 ? "carries" : "carry")} it encrypted (SIP over TLS): capture where TLS ends "
              + "(between the SBC and the PBX) or let the phones use UDP or TCP for the test"
            : "(it is found by its content, on any UDP or TCP port)")
        + (rtpStreams == 1 ? "; 1 RTP stream below, without the call that set it up."
            : rtpStreams > 1 ? $"; {Count(rtpStreams, "RTP stream")} below, without the calls that set them up."
            : encrypted > 0 ? "." : ": capture where the phones' signalling flows.");

    // A scan or a password guesser beside a healthy verdict is said to be no fault of the phones, so its info line
    // does not read as the answer.
    private static string ScanNote(List<Cause> causes)
    {
        var scans = causes.Where(c => c.Kind == CauseKind.SipScan).Select(c => c.Id).ToList();
        var guessing = causes.Where(c => c.Kind == CauseKind.PasswordGuessing).Select(c => c.Id).ToList();
        if (scans.Count + guessing.Count == 0) return "";
        var parts = new List<string>(2);
        if (scans.Count > 0) parts.Add($"the SIP scan{(scans.Count == 1 ? "" : "s")} below ({Ids(scans)})");
        if (guessing.Count > 0) parts.Add($"{(scans.Count > 0 ? "" : "the ")}password guessing{(scans.Count > 0 ? "" : " below")} ({Ids(guessing)})");
        bool one = scans.Count + guessing.Count == 1;
        string what = guessing.Count == 0 ? "noise" : one ? "an attack" : "attacks";
        return $"; {string.Join(" and ", parts)} {(one ? "is" : "are")} {what} to block at the edge, not a fault of the phones";

        static string Ids(List<string> ids) => ids.Count <= 3 ? string.Join(", ", ids) : $"{ids[0]} … {ids[^1]}";
    }

    // What "healthy" rests on, so the reader knows how much the capture showed: every transaction and registration
    // the engines counted, not only those kept in full (a scan of a million requests keeps ten thousand), each once
    // however many capture points saw it.
    private static string Basis(AnalysisResult result)
    {
        var n = Points.DistinctCounts.Of(result);
        return $"{Count(n.Transactions, "SIP transaction")}, {Count(n.Registrations, "registration")} ({n.Registered} registered), " +
               $"{Count(n.Calls, "call")} with SDP, {Count(n.RtpStreams, "RTP stream")} at {Count(result.Points.Count, "capture point")}"
               + (n.Exact ? "" : " (counted at each point that saw them: too many to match across points)");
    }

    private static string Clients(Cause c)
    {
        var shown = string.Join(", ", c.Clients.Take(ClientsShown));
        string more = c.ClientCount > ClientsShown ? $" and {c.ClientCount - ClientsShown} more" : "";
        string subnet = c.Subnet is { } s ? $" in {s}" : "";
        string healthy = c.HealthyClients.Count > 0 ? $"; working: {string.Join(", ", c.HealthyClients.Take(3))}{(c.HealthyClients.Count > 3 ? " …" : "")}" : "";
        return $"{shown}{more} ({c.ClientCount} {CauseKinds.ClientRole(c.Kind)}{subnet}){healthy}";
    }

    private static string FindingIds(Cause c)
    {
        const int Shown = 10;
        var ids = string.Join(", ", c.Findings.Take(Shown).Select(f => f.Id));
        return c.Findings.Count > Shown ? $"{ids} … ({c.Findings.Count} findings)" : ids;
    }

    private static string Frames(Cause c, bool severalCaptures)
    {
        var shown = string.Join(", ", c.Frames.Take(FramesShown).Select(r => severalCaptures ? r.ToString() : r.Frame.ToString(CultureInfo.InvariantCulture)));
        return c.FrameCount > FramesShown ? $"{shown} … ({c.FrameCount} frames)" : shown;
    }

    // "12 × 400 Bad Request to late retransmissions (frames 30, 32, …): <why they are no problem of their own>."
    private static string LateAnswers(LateAnswerEvidence late, bool severalCaptures)
    {
        const int Shown = 6;
        var frames = string.Join(", ", late.Frames.Take(Shown).Select(r => severalCaptures ? r.ToString() : r.Frame.ToString(CultureInfo.InvariantCulture)));
        return $"{late.Count} × {string.Join(" / ", late.Statuses)} to late retransmissions (frame{(late.Count == 1 ? "" : "s")} {frames}{(late.Count > Shown ? " …" : "")}): {late.Explanation}.";
    }

    private static string Count(long n, string noun) => n.ToString("N0", CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
