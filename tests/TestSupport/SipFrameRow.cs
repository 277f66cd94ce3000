using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// What one frame carries in SIP terms, in the shape of
/// <c>tshark -T fields -e frame.number -e sip.Call-ID -e sip.CSeq -e sip.Method -e sip.Status-Code</c>:
/// several messages in one frame (TCP) give comma-joined values, methods of requests only, codes of
/// responses only. CSeq white space is normalised to one space on both sides.
/// </summary>
public sealed record SipFrameRow(long Frame, string CallIds, string CSeqs, string Methods, string Statuses)
{
    public static readonly string[] TsharkFields = ["frame.number", "sip.Call-ID", "sip.CSeq", "sip.Method", "sip.Status-Code"];

    public static SipFrameRow FromTshark(string[] f) =>
        new(long.Parse(f[0]), f[1], string.Join(',', f[2].Split(',').Select(Normalise)), f[3], f[4]);

    public static SipFrameRow FromMessages(long frame, IReadOnlyList<SipMessage> messages) => new(
        frame,
        string.Join(',', messages.Where(m => m.CallId is not null).Select(m => m.CallId)),
        string.Join(',', messages.Where(m => m.CSeqMethod is not null || m.CSeq >= 0)
            .Select(m => Normalise(m.CSeq >= 0 ? $"{m.CSeq} {m.CSeqMethod}" : m.CSeqMethod ?? ""))),
        string.Join(',', messages.Where(m => m.IsRequest).Select(m => m.Method)),
        string.Join(',', messages.Where(m => !m.IsRequest).Select(m => m.StatusCode)));

    /// <summary>tshark's SIP frames of <paramref name="file"/> matching <paramref name="filter"/>, by frame number.</summary>
    public static SortedDictionary<long, SipFrameRow> FromTshark(string file, string filter, params string[] extra)
    {
        var rows = new SortedDictionary<long, SipFrameRow>();
        foreach (var f in Tshark.Fields(file, filter, TsharkFields, extra)) rows[long.Parse(f[0])] = FromTshark(f);
        return rows;
    }

    private static string Normalise(string cseq) => string.Join(' ', cseq.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    public override string ToString() => $"{Frame}\t{CallIds}\t{CSeqs}\t{Methods}\t{Statuses}";
}
