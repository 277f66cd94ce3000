using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports.Tables;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The report as tables, one per entity, sharing the keys capture_file, frame_number, call_id and cseq so
/// rows join back to each other and to frames in Wireshark; written as CSV (<c>--csv DIR</c>), Parquet
/// (<c>--parquet DIR</c>) and JSON Lines (<c>--jsonl-tables DIR</c>) from one definition per table, its row
/// class (<see cref="TableSchema{TRow}"/>).
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

    /// <summary>The tables of <paramref name="result"/>; <paramref name="job"/> fills every row's job column in a batch.</summary>
    public static ReportTables Build(AnalysisResult result, string? job = null)
    {
        var tables = new ReportTables
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
        if (job is not null) tables.SetJob(job);
        return tables;
    }

    private void SetJob(string job)
    {
        foreach (var r in Captures) r.Job = job;
        foreach (var r in Causes) r.Job = job;
        foreach (var r in Findings) r.Job = job;
        foreach (var r in FindingFrames) r.Job = job;
        foreach (var r in Transactions) r.Job = job;
        foreach (var r in Registrations) r.Job = job;
        foreach (var r in Dialogs) r.Job = job;
        foreach (var r in RtpStreams) r.Job = job;
        foreach (var r in SipPoints) r.Job = job;
    }

    /// <summary>Every table with its columns, in the order they are written: the files inside <c>--csv</c>/<c>--parquet</c> DIR.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<TableColumn> Columns)> Schemas { get; } =
    [
        ("captures", TableSchema<CaptureRow>.Columns),
        ("causes", TableSchema<CauseRow>.Columns),
        ("findings", TableSchema<FindingRow>.Columns),
        ("finding_frames", TableSchema<FindingFrameRow>.Columns),
        ("transactions", TableSchema<TransactionRow>.Columns),
        ("registrations", TableSchema<RegistrationRow>.Columns),
        ("dialogs", TableSchema<DialogRow>.Columns),
        ("rtp_streams", TableSchema<RtpStreamRow>.Columns),
        ("sip_points", TableSchema<SipPointRow>.Columns),
    ];

    private static readonly string[] Names = Schemas.Select(s => s.Name).ToArray();

    /// <summary>A short digest of every table's column names, types and nullability: changes when a definition does.</summary>
    public static string SchemaDigest { get; } = Convert.ToHexStringLower(System.IO.Hashing.XxHash3.Hash(
        System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Schemas.SelectMany(t =>
            t.Columns.Select(c => $"{t.Name}.{c.Name} {c.Type}{(c.Nullable ? "?" : "")}"))))));

    /// <summary>The files <see cref="WriteCsv"/> or <see cref="WriteParquet"/> write into <paramref name="directory"/>.</summary>
    public static IEnumerable<string> FilesIn(string directory, string extension) =>
        Names.Select(name => Path.Combine(directory, name + extension));

    public static IEnumerable<string> FilesIn(string directory, bool parquet) =>
        FilesIn(directory, parquet ? new ParquetFormat().Extension : new CsvFormat().Extension);

    public void WriteCsv(StagedOutputs outputs, string directory) => Write(outputs, directory, new CsvFormat());

    public void WriteParquet(StagedOutputs outputs, string directory) => Write(outputs, directory, new ParquetFormat());

    /// <summary>The same tables as JSON Lines, <c>DIR/&lt;table&gt;.jsonl</c>: one JSON object per row.</summary>
    public void WriteJsonLines(StagedOutputs outputs, string directory) => Write(outputs, directory, new JsonLinesFormat());

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

    private readonly struct JsonLinesFormat : ITableFormat
    {
        public string Extension => JsonLinesTables.Extension;
        public void Write<TRow>(StagedOutputs outputs, string path, IEnumerable<TRow> rows) => JsonLinesTables.Write(outputs, path, rows);
    }

    /// <summary>The point named in the captures table for the file holding <paramref name="frame"/>.</summary>
    internal static string? PointOf(AnalysisResult result, FrameRef frame) =>
        frame.Capture >= 0 && frame.Capture < result.Captures.Count ? result.Captures[frame.Capture].Input.PointName : null;

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
        FirstTs = c.Summary.Packets > 0 ? new CaptureTime(c.Summary.FirstTimestampNs) : null,
        LastTs = c.Summary.Packets > 0 ? new CaptureTime(c.Summary.LastTimestampNs) : null,
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
        FirstSeen = c.FirstSeenNs == 0 ? null : new CaptureTime(c.FirstSeenNs),
        LastSeen = c.LastSeenNs == 0 ? null : new CaptureTime(c.LastSeenNs),
        FindingCount = c.Findings.Count,
        LateAnswerCount = c.LateAnswers?.Count ?? 0,
        WiresharkFilter = c.WiresharkFilter,
        Point = c.Frames.Count > 0 ? PointOf(result, c.Frames[0]) : null,
        CaptureFile = c.Frames.Count > 0 ? FileOf(result, c.Frames[0]) : null,
        FrameNumber = c.Frames.Count > 0 ? c.Frames[0].Frame : null,
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
        Point = f.Frames.Count > 0 ? PointOf(result, f.Frames[0]) : null,
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
            Point = PointOf(result, frame),
            FrameNumber = frame.Frame,
        }));
}
