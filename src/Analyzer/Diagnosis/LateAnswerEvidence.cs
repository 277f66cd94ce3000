using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>
/// The late answers (<see cref="LateRetransmissionAnswer"/>) that follow from one cause: the 400s a server sent to
/// copies of requests whose first answer the cause lost. Counts, and a bounded sample of their frames.
/// </summary>
public sealed class LateAnswerEvidence
{
    /// <summary>Frames of late answers a cause lists at most; <see cref="Count"/> counts them all.</summary>
    public const int MaxFrames = 20;
    private const int MaxStatuses = 4;

    /// <summary>Late answer copies.</summary>
    public int Count { get; private set; }
    /// <summary>Requests (transactions) they answered.</summary>
    public int Transactions { get; private set; }
    /// <summary>"400 Bad Request", … (at most 4 distinct).</summary>
    public List<string> Statuses { get; } = new();
    /// <summary>The first answers that were lost before them ("401 Unauthorized", …; at most 4 distinct).</summary>
    public List<string> LostAnswers { get; } = new();
    /// <summary>The first late answer frames, sorted, at most <see cref="MaxFrames"/>.</summary>
    public List<FrameRef> Frames { get; } = new();
    /// <summary>Why these answers are no separate problem, in one clause.</summary>
    public string Explanation { get; internal set; } = "";

    /// <summary>"ip:port" of the server that sent them (the first one's, when several).</summary>
    public string Server { get; private set; } = "";

    internal void Add(LateRetransmissionAnswer answer)
    {
        if (Server.Length == 0) Server = answer.Path.Transaction.Server;
        Count += answer.Count;
        Transactions++;
        AddDistinct(Statuses, LateAnswerText.Status(answer.Late.Status, answer.Late.Reason));
        AddDistinct(LostAnswers, LateAnswerText.Status(answer.First.Status, answer.First.Reason));
        foreach (var m in answer.Late.Messages) Frames.Add(m.Frame);
        Frames.Sort();
        if (Frames.Count > MaxFrames) Frames.RemoveRange(MaxFrames, Frames.Count - MaxFrames);
    }

    private static void AddDistinct(List<string> list, string value)
    {
        if (list.Count < MaxStatuses && !list.Contains(value)) list.Add(value);
    }

    /// <summary>
    /// Folds each late answer into the cause whose routing finding is about the same client, and says so in that
    /// finding's explanation. Late answers of a client without such a finding stay out: without a lost first
    /// answer there is nothing they follow from.
    /// </summary>
    public static void Fold(IReadOnlyList<Cause> causes, IReadOnlyList<TransactionPath> paths)
    {
        var answers = LateRetransmissionAnswer.Find(paths);
        if (answers.Count == 0) return;
        bool severalCaptures = false;
        foreach (var p in paths) severalCaptures |= p.Transaction.Capture != 0;
        var byClient = new Dictionary<string, (Cause Cause, Finding Finding)>(StringComparer.Ordinal);
        foreach (var cause in causes)
            foreach (var f in cause.Findings)
                if (f.Client is not null && CauseKinds.IsRouting(CauseKinds.Of(f.Kind))) byClient.TryAdd(f.Client, (cause, f));
        var perFinding = new Dictionary<Finding, List<LateRetransmissionAnswer>>();
        foreach (var a in answers)
        {
            if (!byClient.TryGetValue(a.Path.Transaction.Client, out var home)) continue;
            (home.Cause.LateAnswers ??= new LateAnswerEvidence()).Add(a);
            if (!perFinding.TryGetValue(home.Finding, out var list)) perFinding[home.Finding] = list = new();
            list.Add(a);
        }
        foreach (var (finding, list) in perFinding) finding.Explanation += LateAnswerText.ForFinding(list, severalCaptures);
        foreach (var cause in causes)
            if (cause.LateAnswers is { } late) late.Explanation = LateAnswerText.ForCause(late);
    }
}
