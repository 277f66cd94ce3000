using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>
/// One unit of batch work: one analysis over one or more files. A ring-buffer set is one job whose files
/// are read in order as one capture point; a manifest or the naming rule can put several points in one job.
/// </summary>
public sealed class BatchJob
{
    public required string Name { get; init; }
    public required List<CaptureInput> Inputs { get; init; }

    /// <summary>Folder-safe name for the job's output directory.</summary>
    public string SafeName => string.Concat(Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '@' ? c : '_'));

    /// <summary>
    /// Identifies the exact input (paths, sizes, modification times) and the tables' columns: a finished job is
    /// skipped only when both still match, so a job written by a tool with other columns or types is redone rather
    /// than mixed into the dataset beside the new ones.
    /// </summary>
    public string Fingerprint() => string.Join("\n", Inputs.Select(i =>
    {
        var info = new FileInfo(i.Path);
        return info.Exists ? $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{i.PointName}" : $"{i.Path}|missing";
    }).Append("tables|" + ReportTables.SchemaDigest));
}
