using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Writes the JSON report (schema_version 1): snake_case names, timestamps as RFC 3339 UTC strings with ns
/// digits, every frame reference as {"capture": i, "frame": n}. Later schema additions only add names.
/// </summary>
public static class JsonReportWriter
{
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = ReportJsonEncoder.Instance,
    };

    public static void Write(Stream stream, AnalysisResult result, string toolVersion)
    {
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteNumber("schema_version", SchemaVersion);
        json.WriteString("tool", "pcapsip " + toolVersion);
        // The console's first lines: the answer for a reader of the JSON too, before the data it rests on.
        json.WriteStartArray("verdict");
        foreach (var line in DiagnosisConsoleSection.Verdict(result)) json.WriteStringValue(line);
        json.WriteEndArray();
        WriteCaptures(json, result);
        WriteProtocols(json, result.Protocols);
        WriteAnomalies(json, result.Anomalies, result.UndecodedLinkTypes);
        WriteEvictions(json, result);
        WritePoints(json, result);
        SipJson.Write(json, result);
        RtpJson.Write(json, result);
        CausesJson.Write(json, result.Causes);
        FindingsJson.Write(json, result.Findings);
        json.WriteEndObject();
    }

    private static void WriteCaptures(Utf8JsonWriter json, AnalysisResult result)
    {
        json.WriteStartArray("captures");
        foreach (var capture in result.Captures)
        {
            var s = capture.Summary;
            json.WriteStartObject();
            json.WriteNumber("index", capture.Index);
            json.WriteString("path", capture.Input.Path);
            json.WriteString("point", capture.Input.PointName);
            json.WriteString("format", s.Format switch { CaptureFormat.Pcap => "pcap", CaptureFormat.Pcapng => "pcapng", _ => "unknown" });
            json.WriteBoolean("gzip", s.Gzip);
            json.WriteNumber("packets", s.Packets);
            json.WriteNumber("bytes", s.Bytes);
            json.WriteStartArray("link_types");
            foreach (var lt in s.Interfaces.Select(i => i.LinkType).Distinct())
                json.WriteStringValue(LinkTypes.Name(lt));
            json.WriteEndArray();
            WriteInterfaces(json, s.Interfaces);
            WriteTimestamp(json, "first_ts", s.Packets > 0 ? s.FirstTimestampNs : null);
            WriteTimestamp(json, "last_ts", s.Packets > 0 ? s.LastTimestampNs : null);
            json.WriteNumber("duration_s", s.Packets > 0 ? (s.LastTimestampNs - s.FirstTimestampNs) / 1e9 : 0);
            json.WriteBoolean("truncated", s.Truncated);
            json.WriteStartArray("warnings");
            foreach (var w in s.Warnings) json.WriteStringValue(w);
            json.WriteEndArray();
            if (capture.Error is null) json.WriteNull("error");
            else json.WriteString("error", capture.Error);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteInterfaces(Utf8JsonWriter json, List<CaptureInterface> interfaces)
    {
        json.WriteStartArray("interfaces");
        foreach (var i in interfaces)
        {
            JsonFlush.WhenLarge(json);
            json.WriteStartObject();
            json.WriteNumber("id", i.Id);
            if (i.Name is null) json.WriteNull("name"); else json.WriteString("name", i.Name);
            json.WriteNumber("link_type", i.LinkType);
            json.WriteString("link_type_name", LinkTypes.Name(i.LinkType));
            json.WriteNumber("snaplen", i.SnapLength);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteProtocols(Utf8JsonWriter json, ProtocolCounters p)
    {
        json.WriteStartObject("protocols");
        json.WriteNumber("ethernet", p.Ethernet);
        json.WriteNumber("vlan", p.Vlan);
        json.WriteNumber("linux_cooked", p.LinuxCooked);
        json.WriteNumber("loopback", p.Loopback);
        json.WriteNumber("ipv4", p.Ipv4);
        json.WriteNumber("ipv6", p.Ipv6);
        json.WriteNumber("udp", p.Udp);
        json.WriteNumber("tcp", p.Tcp);
        json.WriteNumber("icmp", p.Icmp);
        json.WriteNumber("icmpv6", p.Icmpv6);
        json.WriteNumber("arp", p.Arp);
        json.WriteNumber("other", p.Other);
        json.WriteNumber("fragments", p.Fragments);
        json.WriteNumber("fragments_reassembled", p.FragmentsReassembled);
        json.WriteNumber("sip", p.Sip);
        json.WriteNumber("rtp", p.Rtp);
        json.WriteNumber("rtcp", p.Rtcp);
        json.WriteNumber("t38", p.T38);
        json.WriteEndObject();
    }

    private static void WriteAnomalies(Utf8JsonWriter json, AnomalyCounters anomalies, UndecodedLinkTypes undecoded)
    {
        json.WriteStartObject("anomalies");
        foreach (var (kind, entry) in anomalies.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(kind);
            json.WriteNumber("count", entry.Count);
            WriteFrames(json, "frames", entry.Frames);
            if (kind == UndecodedLinkTypes.AnomalyKind)
                WriteUndecodedLinkTypes(json, undecoded);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    // Which link types the packets of link-type-not-decoded had: the number, its LINKTYPE_ name and the packets.
    private static void WriteUndecodedLinkTypes(Utf8JsonWriter json, UndecodedLinkTypes undecoded)
    {
        json.WriteStartArray("link_types");
        foreach (var entry in undecoded.Entries)
        {
            json.WriteStartObject();
            json.WriteNumber("link_type", entry.LinkType);
            json.WriteString("name", entry.Name);
            json.WriteNumber("packets", entry.Packets);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (undecoded.UnlistedPackets > 0)
            json.WriteNumber("unlisted_packets", undecoded.UnlistedPackets);
    }

    private static void WriteEvictions(Utf8JsonWriter json, AnalysisResult result)
    {
        json.WriteStartObject("state_evictions");
        foreach (var (table, count) in result.StateEvictions.OrderBy(e => e.Key, StringComparer.Ordinal))
            json.WriteNumber(table, count);
        json.WriteEndObject();
    }

    private static void WritePoints(Utf8JsonWriter json, AnalysisResult result)
    {
        json.WriteStartArray("points");
        foreach (var p in result.Points)
        {
            json.WriteStartObject();
            json.WriteNumber("index", p.Index);
            json.WriteString("name", p.Name);
            json.WriteNumber("interface", p.InterfaceId);
            if (p.InterfaceName is null) json.WriteNull("interface_name"); else json.WriteString("interface_name", p.InterfaceName);
            json.WriteStartArray("captures");
            foreach (var c in p.Captures) json.WriteNumberValue(c);
            json.WriteEndArray();
            json.WriteNumber("packets", p.Packets);
            json.WriteNumber("sip_messages", p.Sip.Statistics.Messages);
            json.WriteNumber("tcp_sip_messages", p.TcpCounters.Messages);
            json.WriteNumber("tls_connections", p.TcpCounters.EncryptedSipConnections);
            json.WriteNumber("sip_tls_connections", p.TcpCounters.SipTlsPortConnections);
            json.WriteNumber("ip_datagrams_reassembled", p.IpStats.Reassembled);
            Points.CorrelationJson.WritePointFields(json, result, p);
            SipJson.WritePointOutcomes(json, p);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        Points.CorrelationJson.WriteClocks(json, result);
    }

    internal static void WriteTimestamp(Utf8JsonWriter json, string name, long? ns)
    {
        if (ns is not long value)
        {
            json.WriteNull(name);
            return;
        }
        Span<byte> text = stackalloc byte[Timestamps.Rfc3339Length];
        Timestamps.FormatRfc3339(value, text);
        json.WriteString(name, text);
    }

    internal static void WriteFrames(Utf8JsonWriter json, string name, IEnumerable<FrameRef> frames)
    {
        json.WriteStartArray(name);
        foreach (var f in frames)
        {
            json.WriteStartObject();
            json.WriteNumber("capture", f.Capture);
            json.WriteNumber("frame", f.Frame);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
