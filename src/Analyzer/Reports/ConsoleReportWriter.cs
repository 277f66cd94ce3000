using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The human report: what was in each capture, then the findings by severity in plain words with the
/// frames that prove them. Plain text so it reads the same in a terminal, a ticket or a log.
/// </summary>
public sealed class ConsoleReportWriter
{
    private readonly TextWriter _out;

    // Everything passes one filter: a capture's text (User-Agent, reason phrases) must not drive the terminal.
    public ConsoleReportWriter(TextWriter output) => _out = output as SafeTextWriter ?? new SafeTextWriter(output);

    public void Write(AnalysisResult result)
    {
        // The answer first; what it rests on below it.
        DiagnosisConsoleSection.Write(_out, result);
        WriteFindings(result, result.Captures.Count > 1);
        foreach (var capture in result.Captures)
            WriteCapture(capture);
        Points.CorrelationConsole.Write(_out, result);
        WriteProtocols(result.Protocols);
        SipConsoleSection.Write(_out, result);
        RtpConsoleSection.Write(_out, result);
        WriteAnomalies(result.Anomalies);
        WriteEvictions(result);
        WriteUndecodedLinkTypes(result.UndecodedLinkTypes);
    }

    private void WriteCapture(CaptureResult capture)
    {
        var s = capture.Summary;
        _out.WriteLine($"Capture {capture.Index}: {capture.Input.Path}  (point \"{capture.Input.PointName}\")");
        if (capture.NotFound)
        {
            _out.WriteLine($"  not read: {capture.Error}");
            _out.WriteLine();
            return;
        }
        var linkTypes = string.Join(", ", s.Interfaces.Select(i => LinkTypes.Name(i.LinkType)).Distinct());
        _out.WriteLine($"  format      {FormatName(s)}; {s.Interfaces.Count} interface(s): {linkTypes}");
        foreach (var i in s.Interfaces.Where(i => i.Name is not null))
            _out.WriteLine($"              interface {i.Id}: {i.Name} ({LinkTypes.Name(i.LinkType)})");
        _out.WriteLine($"  packets     {N(s.Packets)} ({N(s.Bytes)} bytes)");
        if (s.Packets > 0)
        {
            _out.WriteLine($"  first       {Timestamps.Rfc3339(s.FirstTimestampNs)}");
            _out.WriteLine($"  last        {Timestamps.Rfc3339(s.LastTimestampNs)}");
            _out.WriteLine($"  duration    {Timestamps.Seconds(s.LastTimestampNs - s.FirstTimestampNs)}");
        }
        foreach (var w in s.Warnings)
            _out.WriteLine($"  warning     {w}");
        if (capture.Error is not null)
            _out.WriteLine($"  error       {capture.Error} (results above cover the packets before it)");
        _out.WriteLine();
    }

    private static string FormatName(CaptureSummary s)
    {
        var name = s.Format switch { CaptureFormat.Pcap => "pcap", CaptureFormat.Pcapng => "pcapng", _ => "unknown" };
        if (s.Format == CaptureFormat.Pcap) name += s.Nanosecond ? " (ns" : " (µs";
        if (s.Format == CaptureFormat.Pcap) name += s.BigEndian ? ", big-endian)" : ", little-endian)";
        if (s.Format == CaptureFormat.Pcapng && s.Sections > 1) name += $" ({s.Sections} sections)";
        return s.Gzip ? name + ", gzip" : name;
    }

    private void WriteProtocols(ProtocolCounters p)
    {
        _out.WriteLine("Protocols (packets)");
        Row("Ethernet", p.Ethernet); Row("VLAN-tagged", p.Vlan); Row("Linux cooked", p.LinuxCooked);
        Row("Loopback", p.Loopback); Row("IPv4", p.Ipv4); Row("IPv6", p.Ipv6); Row("UDP", p.Udp);
        Row("TCP", p.Tcp); Row("ICMP", p.Icmp); Row("ICMPv6", p.Icmpv6); Row("ARP", p.Arp);
        Row("IP fragments", p.Fragments); Row("  reassembled", p.FragmentsReassembled);
        Row("SIP messages", p.Sip); Row("RTP", p.Rtp); Row("RTCP", p.Rtcp); Row("T.38", p.T38); Row("Other", p.Other);
        _out.WriteLine();

        void Row(string name, long value)
        {
            if (value != 0) _out.WriteLine($"  {name,-14} {N(value),12}");
        }
    }

    private void WriteAnomalies(AnomalyCounters anomalies)
    {
        if (anomalies.Entries.Count == 0) return;
        _out.WriteLine("Anomalies");
        foreach (var (kind, entry) in anomalies.Entries.OrderByDescending(e => e.Value.Count))
            _out.WriteLine($"  {kind,-28} {N(entry.Count),8}   e.g. frames {string.Join(", ", entry.Frames.Take(5).Select(f => f.Frame))}");
        _out.WriteLine();
    }

    private void WriteEvictions(AnalysisResult result)
    {
        foreach (var (table, count) in result.StateEvictions.Where(e => e.Value > 0))
            _out.WriteLine($"WARNING: {N(count)} entries evicted from {table} to keep memory bounded; results for them may be incomplete.");
    }

    private void WriteUndecodedLinkTypes(UndecodedLinkTypes undecoded)
    {
        foreach (var entry in undecoded.Entries)
            _out.WriteLine($"WARNING: link type {entry.LinkType} ({entry.Name}) is not decoded: {N(entry.Packets)} {(entry.Packets == 1 ? "packet" : "packets")} counted as other; SIP or RTP in them is not in this report.");
        if (undecoded.UnlistedPackets > 0)
            _out.WriteLine($"WARNING: {N(undecoded.UnlistedPackets)} more packets of other link types are not decoded.");
    }

    // Findings under their cause, in the order the causes were given (severity, cause, time).
    private void WriteFindings(AnalysisResult result, bool severalCaptures)
    {
        var findings = result.Findings;
        if (findings.Count == 0) return;
        _out.WriteLine($"Findings ({Plural(findings.Count(f => f.Severity == Severity.Error), "error")}, " +
                       $"{Plural(findings.Count(f => f.Severity == Severity.Warning), "warning")}, " +
                       $"{findings.Count(f => f.Severity == Severity.Info)} info)");
        string? cause = null;
        foreach (var f in findings)
        {
            if (f.CauseId != cause)
            {
                cause = f.CauseId;
                _out.WriteLine();
                _out.WriteLine($"Evidence for {cause}");
            }
            _out.WriteLine();
            _out.WriteLine($"  {f.Id} [{FindingsJson.SeverityName(f.Severity).ToUpperInvariant()}] {FindingKinds.WireName(f.Kind)}: {f.Summary}");
            if (f.Client is not null) _out.WriteLine($"    client    {f.Client}{(f.Server is null ? "" : "  →  server " + f.Server)} ({Transports.WireName(f.Transport)})");
            if (f.Explanation.Length > 0) _out.WriteLine($"    why       {f.Explanation}");
            if (f.ClientSymptom is not null) _out.WriteLine($"    symptom   {f.ClientSymptom}");
            if (f.LastSeenAt is not null) _out.WriteLine($"    last seen {f.LastSeenAt}");
            if (f.Frames.Count > 0) _out.WriteLine($"    frames    {FrameList(f, severalCaptures)}");
            if (f.WiresharkFilter is not null) _out.WriteLine($"    filter    {f.WiresharkFilter}");
            foreach (int capture in f.Frames.Select(r => r.Capture).Distinct().Order())
            {
                var filter = f.FrameFilter(capture)!;
                if (filter.Length <= 160)
                    _out.WriteLine($"    {(severalCaptures ? $"in {capture}" : "in file"),-9} {filter}");
            }
        }
        _out.WriteLine();
    }

    // With several inputs a frame is "capture:frame" (capture = the input's index), as the JSON cites it.
    private static string FrameList(Finding f, bool severalCaptures)
    {
        var shown = f.Frames.Take(20).Select(r => severalCaptures ? $"{r.Capture}:{r.Frame}" : r.Frame.ToString(CultureInfo.InvariantCulture));
        return string.Join(", ", shown) + (f.Frames.Count > 20 ? $" … ({f.Frames.Count} frames)" : "");
    }

    private static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
