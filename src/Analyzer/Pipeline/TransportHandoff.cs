using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using PcapSipAnalyzer.Analyzer.Flows;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Carries packets from the reader's stage to the <see cref="TransportStage"/>: directly (one thread), or in
/// batches to a thread of its own so that reading, decoding and the neighbour table run on one core while the
/// SIP and RTP engines run on the other. Order is kept (one consumer, batches in sequence), so the result is
/// the same either way. A fixed set of batches circulates between the threads: when the engines fall behind,
/// the reader waits for a free batch, so memory stays bounded whatever the file size.
/// </summary>
internal sealed class TransportHandoff : IDisposable
{
    private const int BatchCount = 4;

    private readonly TransportStage _stage;
    private readonly BlockingCollection<TransportBatch>? _full;
    private readonly BlockingCollection<TransportBatch>? _free;
    private readonly Thread? _worker;
    private TransportBatch? _current;
    private ExceptionDispatchInfo? _fault;
    private long _engineAllocated;

    public TransportHandoff(TransportStage stage, bool threaded)
    {
        _stage = stage;
        if (!threaded) return;
        _full = new BlockingCollection<TransportBatch>(new ConcurrentQueue<TransportBatch>(), BatchCount);
        _free = new BlockingCollection<TransportBatch>(new ConcurrentQueue<TransportBatch>(), BatchCount);
        for (int i = 0; i < BatchCount; i++) _free.Add(new TransportBatch());
        _worker = new Thread(Work) { IsBackground = true, Name = "pcapsip engines" };
        _worker.Start();
    }

    public bool Threaded => _worker is not null;

    /// <summary>Whether a full batch waits for the engines' thread: it is behind the reader's (threaded only).</summary>
    public bool EnginesBehind => _full is { Count: > 0 };

    /// <summary>Bytes the engines' thread has allocated so far (as of its last batch): the per-packet paths must add none.</summary>
    public long EngineThreadAllocatedBytes => Volatile.Read(ref _engineAllocated);

    /// <summary>Hands one packet on (its bytes are copied when it crosses threads).</summary>
    /// <param name="frame">The reader's decoded frame: used in place when not threaded (the stage may decode a
    /// reassembled datagram over it), copied into the batch when threaded.</param>
    public void Add(in CapturedPacket packet, ref DecodedFrame frame, CapturePoint point, in SipCheck sip, long arrivalNs, FlowRef flow)
    {
        if (_worker is null)
        {
            _stage.OnPacket(ref frame, point, packet, sip, arrivalNs, flow);
            return;
        }
        var batch = _current ??= _free!.Take();
        if (!batch.Fits(packet.Data.Length))
        {
            Submit();
            batch = _current = _free!.Take();
            batch.Fits(packet.Data.Length);
        }
        batch.Add(packet, frame, point, sip, arrivalNs, flow);
        if (batch.IsFull) Submit();
    }

    /// <summary>
    /// Waits until the engines have seen every packet handed on so far (between files, and before the engines
    /// are read); rethrows what the engines' thread failed with.
    /// </summary>
    public void Drain()
    {
        if (_worker is not null)
        {
            Submit();
            // Every batch back in the free pool means every packet was processed.
            var back = new TransportBatch[BatchCount];
            for (int i = 0; i < BatchCount; i++) back[i] = _free!.Take();
            foreach (var batch in back) _free!.Add(batch);
        }
        _fault?.Throw();
    }

    private void Submit()
    {
        _fault?.Throw();  // the engines failed: stop reading rather than feed them a file's worth for nothing
        if (_current is null) return;
        var batch = _current;
        _current = null;
        if (batch.Count == 0) _free!.Add(batch);
        else _full!.Add(batch);
    }

    private void Work()
    {
        foreach (var batch in _full!.GetConsumingEnumerable())
        {
            if (_fault is null)
            {
                try
                {
                    for (int i = 0; i < batch.Count; i++)
                    {
                        ref var packet = ref batch.Packets[i];
                        _stage.OnPacket(ref packet.Frame, packet.Point, packet.ToCaptured(batch.DataOf(packet)), packet.Sip, packet.ArrivalNs, packet.Flow);
                        // The message is the engine's now; a reused slot must not keep it alive. Written only when
                        // there is one: an RTP packet's slot is left as the reader's thread wrote it.
                        if (packet.Sip.Message is not null) packet.Sip = default;
                    }
                }
                catch (Exception e)
                {
                    // Kept for the reader's thread to rethrow; batches keep circulating so it never waits forever.
                    _fault = ExceptionDispatchInfo.Capture(e);
                }
            }
            batch.Clear();
            Volatile.Write(ref _engineAllocated, GC.GetAllocatedBytesForCurrentThread());
            _free!.Add(batch);
        }
    }

    public void Dispose()
    {
        if (_worker is null) return;
        _full!.CompleteAdding();
        _worker.Join();
        _full.Dispose();
        _free!.Dispose();
    }
}
