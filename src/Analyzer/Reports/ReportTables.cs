using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The report as tables, one per entity, sharing the keys capture_file, frame_number, call_id and cseq so
/// rows join back to each other and to frames in Wireshark; written as CSV (<c>--csv DIR</c>) and Parquet
/// (<c>--parquet DIR</c>) with the same columns.
/// </summary>
public sealed class ReportTables
{
    public required List<CaptureRow> Captures { get; init; }
    public required List<CauseRow> Causes { get; init; }
    public required List<FindingRow> Findings { get; init; }
    public required List<FindingFrameRow> FindingFrames { get; init; }
    public required List<TransactionRow> Transactions { get; init; }
    public required List<RegistrationRow> Registrations { get; init; }
    public required List<DialogRow> Dialogs { get; init; }
    public required List<RtpStreamRow> RtpStreams { get; init; }

    public static ReportTables Build(AnalysisResult result) => new()
    {
        Captures = CaptureRows(result).ToList(),
        Causes = CauseRows(result).ToList(),
        Findings = FindingRows(result).ToList(),
        FindingFrames = FindingFrameRows(result).ToList(),
        Transactions = SipTableRows.Transactions(result).ToList(),
        Registrations = SipTableRows.Registrations(result).ToList(),
        Dialogs = SipTableRows.Dialogs(result).ToList(),
        RtpStreams = SipTableRows.RtpStreams(result).ToList(),
    };

    public void WriteCsv(string directory) => Write(directory, new CsvFormat());

    public void WriteParquet(string directory) => Write(directory, new ParquetFormat());

    // The one list of tables: both formats write the same files, with the same columns.
    private void Write(string directory, ITableFormat format)
    {
        Directory.CreateDirectory(directory);
        format.Write(directory, "captures" + format.Extension, Captures);
        format.Write(directory, "causes" + format.Extension, Causes);
        format.Write(directory, "findings" + format.Extension, Findings);
        format.Write(directory, "finding_frames" + format.Extension, FindingFrames);
        format.Write(directory, "transactions" + format.Extension, Transactions);
        format.Write(directory, "registrations" + format.Extension, Registrations);
        format.Write(directory, "dialogs" + format.Extension, Dialogs);
        format.Write(directory, "rtp_streams" + format.Extension, RtpStreams);
    }

    private readonly struct CsvFormat : ITableFormat
    {
        public string Extension => ".csv";
        public void Write<TRow>(string directory, string fileName, IEnumerable<TRow> rows) => CsvTables.Write(directory, fileName, rows);
    }

    private readonly struct ParquetFormat : ITableFormat
    {
        public string Extension => ".parquet";
        public void Write<TRow>(string directory, string fileName, IEnumerable<TRow> rows) => ParquetTables.Write(directory, fileName, rows);
    }

    internal static string FileOf(AnalysisResult result, FrameRef frame) =>
        frame.Capture >= 0 && frame.Capture < result.Captures.Count ? result.Captures[frame.Capture].Input.Path : "";

    private static IEnumerable<CaptureRow> CaptureRows(AnalysisResult result) => result.Captures.Select(c => new CaptureRow
    {
        Capture = c.Index,
        CaptureFile = c.Input.Path,
        Point = c.Input.PointName,
        Format = c.Summary.Format.ToString().ToLowerInvariant(),
        Packets = c.Summary.Packets,
        Bytes = c.Summary.Bytes,
        LinkTypes = string.Join(";", c.Summary.Interfaces.Select(i => LinkTypes.Name(i.LinkType)).Distinct()),
        FirstTs = c.Summary.Packets > 0 ? Timestamps.Rfc3339(c.Summary.FirstTimestampNs) : null,
        LastTs = c.Summary.Packets > 0 ? Timestamps.Rfc3339(c.Summary.LastTimestampNs) : null,
        Truncated = c.Summary.Truncated,
        Error = c.Error,
    });

    private static IEnumerable<CauseRow> CauseRows(AnalysisResult result) => result.Causes.Select(c => new CauseRow
    {
        CauseId = c.Id,
        Kind = Diagnosis.CauseKinds.WireName(c.Kind),
        Severity = FindingsJson.SeverityName(c.Severity),
        Summary = c.Summary,
        Fix = c.Fix,
        Server = c.Server,
        Subnet = c.Subnet?.ToString(),
        ClientCount = c.ClientCount,
        Clients = string.Join(";", c.Clients),
        WrongNextHopIp = c.WrongNextHop is { Address.IsNone: false } w ? w.Address.ToString() : null,
        WrongNextHopMac = c.WrongNextHop is { Mac.IsNone: false } wm ? wm.Mac.ToString() : null,
        RightNextHopIp = c.RightNextHop is { Address.IsNone: false } r ? r.Address.ToString() : null,
        RightNextHopMac = c.RightNextHop is { Mac.IsNone: false } rm ? rm.Mac.ToString() : null,
        FirstSeen = c.FirstSeenNs == 0 ? null : Timestamps.Rfc3339(c.FirstSeenNs),
        LastSeen = c.LastSeenNs == 0 ? null : Timestamps.Rfc3339(c.LastSeenNs),
        FindingCount = c.Findings.Count,
        WiresharkFilter = c.WiresharkFilter,
    });

    private static IEnumerable<FindingRow> FindingRows(AnalysisResult result) => result.Findings.Select((f, i) => new FindingRow
    {
        FindingId = i + 1,
        CauseId = f.CauseId,
        Kind = f.Kind,
        Severity = FindingsJson.SeverityName(f.Severity),
        Summary = f.Summary,
        Explanation = f.Explanation,
        Client = f.Client,
        Server = f.Server,
        Transport = f.Transport,
        CallId = f.CallId,
        Cseq = f.CSeq,
        ClientSymptom = f.ClientSymptom,
        Count = f.Count,
        CaptureFile = f.Frames.Count > 0 ? FileOf(result, f.Frames[0]) : null,
        FrameNumber = f.Frames.Count > 0 ? f.Frames[0].Frame : null,
        WiresharkFilter = f.WiresharkFilter,
        FrameFilter = f.Frames.Count > 0 ? f.FrameFilter(f.Frames[0].Capture) : null,
        LastSeenAt = f.LastSeenAt,
    });

    private static IEnumerable<FindingFrameRow> FindingFrameRows(AnalysisResult result) =>
        result.Findings.SelectMany((f, i) => f.Frames.Select(frame => new FindingFrameRow
        {
            FindingId = i + 1,
            Kind = f.Kind,
            CaptureFile = FileOf(result, frame),
            FrameNumber = frame.Frame,
        }));
}
