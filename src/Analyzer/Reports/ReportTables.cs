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
    public required List<FindingRow> Findings { get; init; }
    public required List<FindingFrameRow> FindingFrames { get; init; }
    public required List<TransactionRow> Transactions { get; init; }
    public required List<RegistrationRow> Registrations { get; init; }
    public required List<DialogRow> Dialogs { get; init; }
    public required List<RtpStreamRow> RtpStreams { get; init; }

    public static ReportTables Build(AnalysisResult result) => new()
    {
        Captures = CaptureRows(result).ToList(),
        Findings = FindingRows(result).ToList(),
        FindingFrames = FindingFrameRows(result).ToList(),
        Transactions = SipTableRows.Transactions(result).ToList(),
        Registrations = SipTableRows.Registrations(result).ToList(),
        Dialogs = SipTableRows.Dialogs(result).ToList(),
        RtpStreams = SipTableRows.RtpStreams(result).ToList(),
    };

    public void WriteCsv(string directory)
    {
        Directory.CreateDirectory(directory);
        CsvTables.Write(directory, "captures.csv", Captures);
        CsvTables.Write(directory, "findings.csv", Findings);
        CsvTables.Write(directory, "finding_frames.csv", FindingFrames);
        CsvTables.Write(directory, "transactions.csv", Transactions);
        CsvTables.Write(directory, "registrations.csv", Registrations);
        CsvTables.Write(directory, "dialogs.csv", Dialogs);
        CsvTables.Write(directory, "rtp_streams.csv", RtpStreams);
    }

    public void WriteParquet(string directory)
    {
        Directory.CreateDirectory(directory);
        ParquetTables.Write(directory, "captures.parquet", Captures);
        ParquetTables.Write(directory, "findings.parquet", Findings);
        ParquetTables.Write(directory, "finding_frames.parquet", FindingFrames);
        ParquetTables.Write(directory, "transactions.parquet", Transactions);
        ParquetTables.Write(directory, "registrations.parquet", Registrations);
        ParquetTables.Write(directory, "dialogs.parquet", Dialogs);
        ParquetTables.Write(directory, "rtp_streams.parquet", RtpStreams);
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

    private static IEnumerable<FindingRow> FindingRows(AnalysisResult result) => result.Findings.Select((f, i) => new FindingRow
    {
        FindingId = i + 1,
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
