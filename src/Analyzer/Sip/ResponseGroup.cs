using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>Every copy of one response status within a transaction ({status, frames} in the report).</summary>
public sealed class ResponseGroup
{
    public int Status { get; init; }
    public string? Reason { get; init; }
    /// <summary>Copies kept in detail (the first <see cref="SipEngineOptions.MaxMessagesPerTransaction"/>).</summary>
    public List<TransactionMessage> Messages
    {
        get
        {
            if (_messages is not null) return _messages;
            _messages = _only is null ? new(1) : new(2) { _only };
            _only = null;
            return _messages;
        }
    }

    // Most groups only ever hold one copy: it waits in a field until a second one (or a reader) makes the list,
    // two objects fewer per answered transaction for the collector to copy while the transaction is live.
    private TransactionMessage? _only;
    private List<TransactionMessage>? _messages;

    /// <summary>Copies kept in detail, without making the list.</summary>
    internal int MessagesKept => _messages?.Count ?? (_only is null ? 0 : 1);

    /// <summary>Keeps one more copy in detail.</summary>
    internal void AddMessage(TransactionMessage message)
    {
        if (_messages is null && _only is null) _only = message;
        else Messages.Add(message);
    }
    /// <summary>Copies seen, also those beyond the detail cap.</summary>
    public int Count { get; internal set; }
    /// <summary>
    /// Copies identical to an earlier one (same length and To tag): retransmissions by the server, or duplicates
    /// on the path. Responses with this status that differ — forked 180s, reliable 183s with new SDP — are not.
    /// </summary>
    public int Retransmissions { get; internal set; }

    /// <summary>True when <paramref name="length"/> and <paramref name="toTag"/> match a copy already seen.</summary>
    internal bool IsCopyOf(int length, string? toTag)
    {
        if (_messages is null) return _only is { } only && only.Length == length && only.ToTag == toTag;
        foreach (var m in _messages)
            if (m.Length == length && m.ToTag == toTag) return true;
        return false;
    }

    public List<FrameRef> Frames
    {
        get
        {
            var frames = new List<FrameRef>(Messages.Count);
            foreach (var m in Messages) frames.Add(m.Frame);
            return frames;
        }
    }
}
