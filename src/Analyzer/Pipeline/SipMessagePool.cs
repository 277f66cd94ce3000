using System.Collections.Concurrent;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Parsed-message objects handed round between the thread that parses SIP datagrams into them (the reader's or the
/// engines', see PacketDispatcher.CheckSip) and the engines' thread, which gives each back once its engine has read
/// it (the engine keeps the values, never the message). A message was the largest object made per SIP packet, and
/// under a flood of SIP every one was a fifth of the garbage that brought on the collections copying the live
/// transactions.
/// </summary>
internal static class SipMessagePool
{
    // More than the messages the hand-off can hold (its batches' packets), so the reader rarely makes one; and
    // bounded, so a burst leaves no more than this many behind.
    private const int MaxIdle = 4 * TransportBatch.Capacity + 1024;

    private static readonly ConcurrentQueue<SipMessage> Idle = new();
    private static int _idleCount;

    /// <summary>
    /// <paramref name="bytes"/> parsed into a pooled message, with the hash that recognises the same message at
    /// another capture point; null (the message back in the pool) when they are not SIP.
    /// </summary>
    public static SipMessage? Parse(ReadOnlySpan<byte> bytes)
    {
        var into = Rent();
        if (SipParser.TryParse(bytes, into, out var message) && message is not null)
        {
            message.PayloadHash = Points.PayloadHash.Of(bytes);
            return message;
        }
        Return(into);
        return null;
    }

    /// <summary>An empty message to parse into.</summary>
    private static SipMessage Rent()
    {
        if (!Idle.TryDequeue(out var message)) return new SipMessage();
        Interlocked.Decrement(ref _idleCount);
        return message;
    }

    /// <summary>Takes back a message nothing refers to any more: emptied now, so it holds nothing alive while idle.</summary>
    public static void Return(SipMessage message)
    {
        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            return;
        }
        message.Clear();
        Idle.Enqueue(message);
    }
}
