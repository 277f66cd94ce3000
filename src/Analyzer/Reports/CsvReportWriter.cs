using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// <c>--csv DIR</c>: one table per entity, sharing the keys capture_file, frame_number, call_id and cseq so
/// rows join back to each other and to frames in Wireshark.
/// </summary>
public static class CsvReportWriter
{
    public static void Write(string directory, AnalysisResult result)
    {
        Directory.CreateDirectory(directory);
        CsvTables.Write(directory, "captures.csv", CaptureRows(result));
        CsvTables.Write(directory, "findings.csv", FindingRows(result));
        CsvTables.Write(directory, "finding_frames.csv", FindingFrameRows(result));
    }

    internal static string FileOf(AnalysisResult result, FrameRef frame) =>
        frame.Capture >= 0 && frame.Capture < result.Captures.Count ? result.Captures[frame.Capture].Input.Path : "";

    private static IEnumerable<CaptureCsvRow> CaptureRows(AnalysisResult result) => result.Captures.Select(c => new CaptureCsvRow
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

    private static IEnumerable<FindingCsvRow> FindingRows(AnalysisResult result) => result.Findings.Select((f, i) => new FindingCsvRow
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
        LastSeenAt = f.LastSeenAt,
    });

    private static IEnumerable<FindingFrameCsvRow> FindingFrameRows(AnalysisResult result) =>
        result.Findings.SelectMany((f, i) => f.Frames.Select(frame => new FindingFrameCsvRow
        {
            FindingId = i + 1,
            Kind = f.Kind,
            CaptureFile = FileOf(result, frame),
            FrameNumber = frame.Frame,
        }));
}
