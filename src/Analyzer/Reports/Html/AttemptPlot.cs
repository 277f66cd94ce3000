using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// An attack's attempts over time as inline SVG, drawn under its cause: refused attempts as bars, accepted ones
/// (a guessed password that worked) in red on top, and how many addresses were at it in each slice as a line. One
/// attempt's ladder shows what a guess looks like; this shows the pace, the spread over addresses taking turns and
/// when one got through. An attempt is a REGISTER or INVITE the server answered with a final status: 2xx accepted,
/// any other refused, a challenge (401, 407) not an attempt of its own. Each slice is a <c>g.slice</c> with its figures in
/// <c>data-*</c> attributes, so a test can read the picture back. The attackers are the clients of the cause's kept
/// findings (past the findings' cap, a caption says how many more the cause counts). At most <see cref="MaxSlices"/>
/// slices and one pass over the kept transactions: bounded whatever the attack's size.
/// </summary>
internal static class AttemptPlot
{
    private const int MaxSlices = 48, MinSlices = 8, AttemptsPerSlice = 4;
    private static readonly PlotAxes Frame = new(720, 200, 58, 58, 14, 42);

    /// <param name="transactionsCut">Transactions were not kept past the report's cap: the plot draws those kept.</param>
    public static void Write(StringBuilder html, Cause cause, List<MergedTransaction> transactions, bool transactionsCut)
    {
        var clients = new HashSet<NetAddress>();
        var servers = new HashSet<NetAddress>();
        foreach (var f in cause.Findings)
        {
            if (!f.ClientIp.IsNone) clients.Add(f.ClientIp);
            if (!f.ServerIp.IsNone) servers.Add(f.ServerIp);
        }
        // Every kept transaction between the attackers and the server attacked, once (the merged row, whatever the
        // capture points that saw it).
        var attempts = new List<(long Ns, bool Accepted, NetAddress Source)>();
        foreach (var merged in transactions)
        {
            var t = merged.Lead;
            if (t.Method is not ("REGISTER" or "INVITE") || t.FinalStatus is not int status || status is 401 or 407 || t.FirstRequest is not { } request
                || !clients.Contains(request.Meta.SourceIp) || !servers.Contains(request.Meta.DestinationIp)) continue;
            attempts.Add((t.FirstRequestNs, status is >= 200 and < 300, request.Meta.SourceIp));
        }
        if (attempts.Count < 2) return;
        long first = attempts.Min(a => a.Ns), span = Math.Max(1, attempts.Max(a => a.Ns) - first);
        // A few attempts each slice on average: finer, most slices of a slow attack would be empty and the picture a comb.
        int slices = Math.Clamp(attempts.Count / AttemptsPerSlice, MinSlices, MaxSlices);
        var refused = new int[slices];
        var accepted = new int[slices];
        var sources = new HashSet<NetAddress>[slices];
        foreach (var (ns, ok, source) in attempts)
        {
            int i = (int)Math.Min(slices - 1, (ns - first) * slices / span);
            if (ok) accepted[i]++;
            else refused[i]++;
            (sources[i] ??= []).Add(source);
        }
        int allSources = attempts.Select(a => a.Source).Distinct().Count(), allAccepted = accepted.Sum();
        double countScale = PlotAxes.NiceCeiling(Math.Max(1, Enumerable.Range(0, slices).Max(i => refused[i] + accepted[i])));
        double sourceScale = PlotAxes.NiceCeiling(Math.Max(1, sources.Max(s => s?.Count ?? 0)));
        double sliceMs = span / 1e6 / slices, width = Frame.PlotWidth / slices, bottom = Frame.Top + Frame.PlotHeight;

        var title = new StringBuilder();
        title.Append(CultureInfo.InvariantCulture, $"Attempts over time · {attempts.Count - allAccepted:N0} refused");
        if (allAccepted > 0) title.Append(CultureInfo.InvariantCulture, $", {allAccepted:N0} accepted");
        // Past the findings' cap the cause counts clients that have no finding of their own to draw from.
        if (cause.ClientCount > allSources)
            title.Append(CultureInfo.InvariantCulture, $" · from {allSources:N0} of the {cause.ClientCount:N0} addresses (those with a finding of their own)");
        else title.Append(CultureInfo.InvariantCulture, $" · from {allSources:N0} address{(allSources == 1 ? "" : "es")}");
        title.Append(" · ").Append(Timestamps.ClockSpan(first, first + span));
        // Past the cap of transactions kept for the report the attack may have gone on beyond what is drawn.
        if (transactionsCut) title.Append(" · of the transactions kept for the report; the capture held more");
        html.Append("<h4 class=\"plot-title\">").Append(HtmlText.Encode(title.ToString(), 400)).Append("</h4>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"plot attempts\" width=\"{Frame.Width}\" height=\"{Frame.Height}\" viewBox=\"0 0 {Frame.Width} {Frame.Height}\" role=\"img\" data-cause=\"{HtmlText.Encode(cause.Id)}\" data-attempts=\"{attempts.Count}\" data-accepted=\"{allAccepted}\" data-sources=\"{allSources}\" data-slices=\"{slices}\" data-slice-ms=\"{PlotAxes.N(sliceMs)}\">\n");
        Frame.Write(html, span / 1e9, "time since the first attempt", (countScale, "attempts", "attemptaxis"), (sourceScale, "addresses", "sourceaxis"));
        var line = new StringBuilder();
        for (int i = 0; i < slices; i++)
        {
            double x = Frame.Left + width * i, centre = x + width / 2;
            int active = sources[i]?.Count ?? 0;
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"slice\" data-start-ms=\"{PlotAxes.N(i * sliceMs)}\" data-refused=\"{refused[i]}\" data-accepted=\"{accepted[i]}\" data-sources=\"{active}\">");
            double refusedHeight = Frame.PlotHeight * refused[i] / countScale, acceptedHeight = Frame.PlotHeight * accepted[i] / countScale;
            if (refused[i] > 0)
                html.Append(CultureInfo.InvariantCulture, $"<rect class=\"refusedbar\" x=\"{PlotAxes.N(x + width * 0.15)}\" y=\"{PlotAxes.N(bottom - refusedHeight)}\" width=\"{PlotAxes.N(width * 0.7)}\" height=\"{PlotAxes.N(refusedHeight)}\"/>");
            if (accepted[i] > 0)
                html.Append(CultureInfo.InvariantCulture, $"<rect class=\"acceptedbar\" x=\"{PlotAxes.N(x + width * 0.15)}\" y=\"{PlotAxes.N(bottom - refusedHeight - acceptedHeight)}\" width=\"{PlotAxes.N(width * 0.7)}\" height=\"{PlotAxes.N(acceptedHeight)}\"/>");
            line.Append(i == 0 ? "M" : " L").Append(PlotAxes.N(centre)).Append(',').Append(PlotAxes.N(bottom - Frame.PlotHeight * active / sourceScale));
            html.Append(CultureInfo.InvariantCulture, $"<title>+{PlotAxes.N(i * sliceMs / 1000)} s: {refused[i]} refused, {accepted[i]} accepted, from {active} addresses</title></g>\n");
        }
        // One address throughout says nothing a line would add.
        if (allSources > 1) html.Append("<path class=\"sources\" d=\"").Append(line).Append("\"/>\n");
        html.Append("</svg>\n<p class=\"note\">Refused attempts as grey bars, accepted ones in red on top")
            .Append(allSources > 1 ? ", and how many addresses were at it in each slice as an orange line." : ".").Append("</p>\n");
    }
}
