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
    /// <summary>What each capture point saw of each transaction, registration and call (one row per item and point).</summary>
    public required List<SipPointRow> SipPoints { get; init; }

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
        SipPoints = SipPointRows.Of(result).ToList(),
    };

    /// <summary>The table names, in the order they are written: the files inside <c>--csv</c>/<c>--parquet</c> DIR.</summary>
    private static readonly string[] Names = ["captures", "causes", "findings", "finding_frames", "transactions", "registrations", "dialogs", "rtp_streams", "sip_points"];

    /// <summary>The files <see cref="WriteCsv"/> or <see cref="WriteParquet"/> write into <paramref name="directory"/>.</summary>
    public static IEnumerable<string> FilesIn(string directory, bool parquet)
    {
        var extension = parquet ? new ParquetFormat().Extension : new CsvFormat().Extension;
        return Names.Select(name => Path.Combine(directory, name + extension));
    }

    public void WriteCsv(StagedOutputs outputs, string directory) => Write(outputs, directory, new CsvFormat());

    public void WriteParquet(StagedOutputs outputs, string directory) => Write(outputs, directory, new ParquetFormat());

    // The one list of tables: both formats write the same files, with the same columns.
    private void Write(StagedOutputs outputs, string directory, ITableFormat format)
    {
        outputs.CreateDirectory(directory);
        string PathOf(int table) => Path.Combine(directory, Names[table] + format.Extension);
        format.Write(outputs, PathOf(0), Captures);
        format.Write(outputs, PathOf(1), Causes);
        format.Write(outputs, PathOf(2), Findings);
        format.Write(outputs, PathOf(3), FindingFrames);
        format.Write(outputs, PathOf(4), Transactions);
        format.Write(outputs, PathOf(5), Registrations);
        format.Write(outputs, PathOf(6), Dialogs);
        format.Write(outputs, PathOf(7), RtpStreams);
        format.Write(outputs, PathOf(8), SipPoints);
    }

    private readonly struct CsvFormat : ITableFormat
    {
        public string Extension => ".csv";
        public void Write<TRow>(StagedOutputs outputs, string path, IEnumerable<TRow> rows) => CsvTables.Write(outputs, path, rows);
    }

    private readonly struct ParquetFormat : ITableFormat
    {
        public string Extension => ".parquet";
        public void Write<TRow>(StagedOutputs outputs, string path, IEnumerable<TRow> rows) => ParquetTables.Write(outputs, path, rows);
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
        LateAnswerCount = c.LateAnswers?.Count ?? 0,
        WiresharkFilter = c.WiresharkFilter,
    });

    private static IEnumerable<FindingRow> FindingRows(AnalysisResult result) => result.Findings.Select((f, i) => new FindingRow
    {
        FindingId = i + 1,
        CauseId = f.CauseId,
        Kind = FindingKinds.WireName(f.Kind),
        Severity = FindingsJson.SeverityName(f.Severity),
        Summary = f.Summary,
        Explanation = f.Explanation,
        Client = f.Client,
        Server = f.Server,
        Transport = Transports.WireName(f.Transport),
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
            Kind = FindingKinds.WireName(f.Kind),
            CaptureFile = FileOf(result, frame),
            FrameNumber = frame.Frame,
        }));
}
