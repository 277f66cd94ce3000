namespace PcapSipAnalyzer.Synthesizer.Truth;

/// <summary>One call: INVITE/100/180/200/ACK, media, BYE/200.</summary>
public sealed class CallTruth
{
    public string CallId { get; set; } = "";
    public string Caller { get; set; } = "";
    public string Callee { get; set; } = "";

    /// <summary>"outgoing" (phone → PBX) or "incoming" (PBX → phone).</summary>
    public string Direction { get; set; } = "";

    public double InviteTime { get; set; }
    public double AnswerTime { get; set; }
    public double ByeTime { get; set; }

    /// <summary>"caller" or "callee".</summary>
    public string ByeFrom { get; set; } = "";

    public int PayloadType { get; set; }
}
