namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>The report's only style sheet, inline (the page's Content-Security-Policy allows inline styles and nothing else).</summary>
internal static class HtmlStyle
{
    public const string Css = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #1d1d1f; max-width: 1600px; }
        h1 { font-size: 1.5em; margin: 0 0 .3em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        h3 { font-size: 1.05em; margin: 1.2em 0 .4em; } .count { color: #777; font-weight: normal; }
        .verdict { font-size: 1.1em; font-weight: 600; }
        .cause { border-left: 6px solid #999; padding: .4em .9em; margin: 1em 0; background: #fafafa; }
        .cause.error { border-color: #c00; } .cause.warning { border-color: #e0a000; } .cause.info { border-color: #3a7bd5; }
        .sev { font-weight: 700; text-transform: uppercase; } .error .sev { color: #c00; } .warning .sev { color: #a87000; }
        dl { display: grid; grid-template-columns: 7em 1fr; gap: .15em .8em; margin: .4em 0; } dt { color: #555; } dd { margin: 0; }
        code, .mono { font-family: ui-monospace, monospace; font-size: .92em; overflow-wrap: anywhere; }
        .scroll { overflow-x: auto; } table { border-collapse: collapse; font-size: 12px; }
        th, td { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; white-space: nowrap; }
        td { max-width: 40em; overflow: hidden; text-overflow: ellipsis; } th { background: #f0f0f0; }
        .more, .none, .note { color: #666; font-style: italic; }
        .ladder-wrap { overflow-x: auto; margin: .6em 0 1.2em; }
        svg.ladder { display: block; max-width: 100%; height: auto; font: 12px system-ui, sans-serif; background: #fff; }
        svg .lifeline { stroke: #555; stroke-width: 1.5; } svg .lane { stroke: #3a7bd5; stroke-dasharray: 5 4; }
        svg .box { fill: #eef2f7; stroke: #555; } svg .router .box { fill: #f6f0e6; }
        svg .hostname { text-anchor: middle; font-weight: 600; } svg .hostname.long { font-size: 8.5px; } svg .hostdetail { text-anchor: middle; fill: #555; font-size: 11px; }
        svg .pointname { text-anchor: middle; fill: #3a7bd5; font-style: italic; }
        svg .shaft { stroke: #222; stroke-width: 1.6; } svg .head { fill: #222; }
        svg .response .shaft { stroke: #1a5fb4; } svg .response .head { fill: #1a5fb4; }
        svg .lost .shaft { stroke: #c00; stroke-dasharray: 6 3; } svg .cross line { stroke: #c00; stroke-width: 3; }
        svg .icmp .shaft { stroke: #a0f; stroke-dasharray: 2 3; } svg .icmp .head { fill: #a0f; }
        svg .arp .shaft { stroke: #b60; stroke-dasharray: 1 3; } svg .arp .head { fill: #b60; }
        svg .tcp .shaft { stroke: #8a8a8a; stroke-width: 1; } svg .tcp .head { fill: #8a8a8a; }
        svg .tcp .label { font-weight: 400; fill: #555; font-size: 11px; } svg .tcp .detail { fill: #777; font-size: 10px; }
        svg .tcp.lost .shaft { stroke: #d88; stroke-dasharray: 4 3; }
        svg .seen { fill: #3a7bd5; stroke: #fff; stroke-width: 1; }
        svg .label, svg .detail, svg .pointname { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        svg .label { text-anchor: middle; font-weight: 600; } svg .detail { text-anchor: middle; fill: #444; font-size: 10.5px; }
        h4.plot-title { font-size: .92em; font-weight: 600; margin: 1em 0 .2em; }
        svg.plot { display: block; font: 11px system-ui, sans-serif; background: #fff; }
        svg.plot .frame { fill: none; stroke: #888; } svg.plot .grid { stroke: #ddd; }
        svg.plot .tick { fill: #444; } svg.plot .tick.jitteraxis { text-anchor: end; } svg.plot .tick.time { text-anchor: middle; }
        svg.plot .axislabel { text-anchor: middle; fill: #333; font-weight: 600; }
        svg.plot .jitteraxis { fill: #1a5fb4; } svg.plot .lossaxis { fill: #c00; }
        svg.plot .lossbar { fill: #c00; fill-opacity: .55; }
        svg.plot .jitter { fill: none; stroke: #1a5fb4; stroke-width: 2; } svg.plot .jitterpoint { fill: #1a5fb4; }
        svg.plot .attemptaxis { fill: #5e6e82; } svg.plot .sourceaxis { fill: #b35900; }
        svg.plot .refusedbar { fill: #5e6e82; fill-opacity: .6; } svg.plot .acceptedbar { fill: #c00; }
        svg.plot .sources { fill: none; stroke: #b35900; stroke-width: 2; }
        svg.plot .jittermax { fill: none; stroke: #1a5fb4; stroke-opacity: .35; stroke-width: 1.2; stroke-dasharray: 4 3; }
        """;
}
