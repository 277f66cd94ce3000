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
/// <remarks>
/// Each thread keeps the messages it gave back in a stack of its own and rents from it first; only whole batches
/// cross between threads. One shared queue with a shared count, taken from and given to once per message by both
/// threads, moved its cache lines between the cores for every SIP packet: its dequeue alone was 2 % of a SIP
/// flood's steady state, the rent, return and count as much again.
/// </remarks>
internal static class SipMessagePool
{
    // Messages that cross between threads together: the thread that parses (the reader's, while the engines are
    // behind) takes a batch where it took a message.
    private const int BatchSize = 64;

    // More than the messages the hand-off can hold (its batches' packets), so the reader rarely makes one; and
    // bounded, so a burst leaves no more than this many behind (besides each thread's own few).
    private const int MaxSharedBatches = (4 * TransportBatch.Capacity + 1024) / BatchSize;

    private static readonly ConcurrentQueue<SipMessage?[]> Shared = new();
    // The arrays of batches taken, for the next batch given: a new array per batch given lived while it waited in
    // Shared, long enough to be copied by a collection of the young generation. Every array is in Shared or here,
    // so there are never more than the bound.
    private static readonly ConcurrentQueue<SipMessage?[]> EmptyBatches = new();
    private static int _sharedBatches;

    [ThreadStatic] private static Idle? t_idle;

    /// <summary>
    /// <paramref name="bytes"/> parsed into a pooled message, with the hash that recognises the same message at
    /// another capture point when <paramref name="hash"/>; null (the message back in the pool) when they are not SIP.
    /// </summary>
    public static SipMessage? Parse(ReadOnlySpan<byte> bytes, bool hash)
    {
        var into = Rent();
        if (SipParser.TryParse(bytes, into, out var message) && message is not null)
        {
            if (hash) message.PayloadHash = Points.PayloadHash.Of(bytes);
            return message;
        }
        Return(into);
        return null;
    }

    /// <summary>An empty message to parse into.</summary>
    private static SipMessage Rent()
    {
        var idle = t_idle ??= new Idle();
        if (idle.Count == 0 && !idle.TakeBatch()) return new SipMessage();
        var message = idle.Items[--idle.Count];
        idle.Items[idle.Count] = null;
        return message!;
    }

    /// <summary>Takes back a message nothing refers to any more: emptied now, so it holds nothing alive while idle.</summary>
    public static void Return(SipMessage message)
    {
        message.Clear();
        var idle = t_idle ??= new Idle();
        if (idle.Count == idle.Items.Length) idle.GiveBatch();
        idle.Items[idle.Count++] = message;
    }

    /// <summary>Messages idle on one thread: at most two batches, the older one given to the others when full.</summary>
    private sealed class Idle
    {
        public readonly SipMessage?[] Items = new SipMessage?[2 * BatchSize];
        public int Count;

        public bool TakeBatch()
        {
            if (!Shared.TryDequeue(out var batch)) return false;
            Interlocked.Decrement(ref _sharedBatches);
            batch.CopyTo(Items, 0);
            Count = batch.Length;
            Array.Clear(batch);
            EmptyBatches.Enqueue(batch);
            return true;
        }

        // The older half leaves this thread: queued for the others while they hold fewer than the bound, else
        // left to the collector.
        public void GiveBatch()
        {
            if (Interlocked.Increment(ref _sharedBatches) <= MaxSharedBatches)
            {
                if (!EmptyBatches.TryDequeue(out var batch)) batch = new SipMessage?[BatchSize];
                Items.AsSpan(0, BatchSize).CopyTo(batch);
                Shared.Enqueue(batch);
            }
            else
                Interlocked.Decrement(ref _sharedBatches);
            Array.Copy(Items, BatchSize, Items, 0, Count - BatchSize);
            Count -= BatchSize;
            Array.Clear(Items, Count, Items.Length - Count);
        }
    }
}
