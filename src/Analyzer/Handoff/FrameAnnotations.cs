using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Handoff;

/// <summary>
/// What the annotated copy of one input gets: a comment per frame a finding cites ("pcapsip: kind: summary",
/// several findings on one frame in one comment, one per line) and, for --annotate-flagged-only, the set of
/// frames to keep (every frame of a flagged transaction or dialog, not only the cited ones).
/// </summary>
public sealed class FrameAnnotations
{
    private readonly Dictionary<long, string> _comments = new();
    private readonly HashSet<long> _keep = new();

    public IReadOnlyDictionary<long, string> Comments => _comments;
    public IReadOnlySet<long> FlaggedFrames => _keep;

    public static string CommentOf(Finding finding) => ControlCharacters.Clean($"{CommentPrefix} {FindingKinds.WireName(finding.Kind)}: {finding.Summary}");

    private const int MaxCommentsPerFrame = 8;

    /// <summary>A comment of a renumbered copy: each line's "pcapsip:" becomes "pcapsip [frame N]:", N the original number.</summary>
    public static string NumberedComment(long frame, string? comment)
    {
        var tag = $"pcapsip [frame {frame}]";
        if (comment is null) return tag;
        // Only at the start of each line: a summary quoting captured text may itself contain "pcapsip:".
        var lines = comment.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].StartsWith(CommentPrefix, StringComparison.Ordinal))
                lines[i] = tag + ":" + lines[i][CommentPrefix.Length..];
        return string.Join('\n', lines);
    }

    private const string CommentPrefix = "pcapsip:";

    public static FrameAnnotations For(AnalysisResult result, int capture)
    {
        var annotations = new FrameAnnotations();
        var lines = new Dictionary<long, List<string>>();
        var flaggedCalls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in result.Findings)
        {
            var comment = CommentOf(finding);
            foreach (var frame in finding.Frames.Where(f => f.Capture == capture))
            {
                if (!lines.TryGetValue(frame.Frame, out var list)) lines[frame.Frame] = list = new List<string>();
                // A frame cited by many findings (a scan's sample) keeps a few comments, not one per finding.
                if (list.Count < MaxCommentsPerFrame && !list.Contains(comment)) list.Add(comment);
                annotations._keep.Add(frame.Frame);
            }
            if (finding.CallId is not null) flaggedCalls.Add(finding.CallId);
        }
        foreach (var (frame, list) in lines)
            annotations._comments[frame] = string.Join("\n", list);

        // The whole exchange of a flagged call, so the small file still tells the story in Wireshark.
        foreach (var t in result.Points.SelectMany(p => p.Sip.Transactions).Where(t => t.CallId is not null && flaggedCalls.Contains(t.CallId)))
        {
            foreach (var f in t.RequestFrames.Concat(t.AckFrames).Concat(t.Responses.SelectMany(r => r.Frames)))
                if (f.Capture == capture) annotations._keep.Add(f.Frame);
        }
        return annotations;
    }
}
