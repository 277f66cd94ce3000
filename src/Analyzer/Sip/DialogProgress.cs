using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// What a dialog learns after its INVITE — the callee's tags, ringing, the answer, the BYE and the ACKs, a
/// CANCEL, challenges, history beyond the kept ends — made when the first of it comes: a flood of INVITEs that
/// are never answered keeps ten thousand live dialogs, and these fields were a third of each.
/// </summary>
internal sealed class DialogProgress
{
    public const long NoTime = long.MinValue;

    public string? CalleeTag;
    public List<string>? CalleeTags;
    /// <summary><see cref="CalleeTags"/> as a set once a forking storm makes the list long.</summary>
    public HashSet<string>? CalleeTagSet;
    public List<FrameRef>? ByeFrames;
    public List<FrameRef>? AckFrames;
    public long RingingNs = NoTime, AnswerNs = NoTime, ByeNs = NoTime;
    public string? HungUpBy;
    public string? ByeSource;
    public bool CancelSent;
    public int AuthChallenges;
    public int HistoryNotKept;
}
