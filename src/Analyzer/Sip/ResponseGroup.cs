using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>Every copy of one response status within a transaction ({status, frames} in the report).</summary>
public sealed class ResponseGroup
{
    public int Status { get; init; }
    public string? Reason { get; init; }
    /// <summary>Copies kept in detail (the first <see cref="SipEngineOptions.MaxMessagesPerTransaction"/>).</summary>
    public List<TransactionMessage> Messages => _messages.List;

    private SmallList<TransactionMessage> _messages;

    /// <summary>Copies kept in detail, without making the list.</summary>
    internal int MessagesKept => _messages.Count;

    internal TransactionMessage MessageAt(int index) => _messages[index];

    // The lengths of the copies kept, one bit per length modulo 32: forked 18x with a new To tag each (so a new
    // length, as often as not) skip the walk over every kept copy. Fits the object's padding.
    private uint _keptLengths;

    /// <summary>Keeps one more copy in detail.</summary>
    internal void AddMessage(TransactionMessage message)
    {
        _messages.Add(message);
        _keptLengths |= LengthBit(message.Length);
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
        if ((_keptLengths & LengthBit(length)) == 0) return false;
        for (int i = 0; i < _messages.Count; i++)
            if (_messages[i].Length == length && _messages[i].ToTag == toTag) return true;
        return false;
    }

    private static uint LengthBit(int length) => 1u << (length & 31);

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
