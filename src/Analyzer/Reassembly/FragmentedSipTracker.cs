using System.Buffers.Binary;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// Follows the SIP messages over UDP that arrive in IP fragments at one capture point, from the head their first
/// fragment carries, to learn which never arrived whole. A firewall, NAT or SIP ALG that drops fragments (they carry
/// no ports to match) loses exactly the large messages — an INVITE offering many codecs, a REGISTER with its
/// credentials — while the small ones pass, and without this the capture shows nothing SIP of them at all: the
/// reassembler only ever hands on whole datagrams. Costs nothing on captures without fragments.
/// </summary>
internal sealed class FragmentedSipTracker(IpReassemblyBudget budget)
{
    /// <summary>Lost messages every point's tracker keeps together (they share the budget). Those waiting for their
    /// fragments are bounded by the reassembler's own limit: one each for a datagram it holds.</summary>
    public const int MaxMessages = 4096;
    /// <summary>Reassembled messages every point's tracker keeps together: a healthy network's large INVITEs must
    /// not take the places of the lost ones that come later.</summary>
    public const int MaxDelivered = 4096;
    private const int UdpHeaderBytes = 8;
    private const long LostAfterNs = 1_000_000_000;

    private readonly Dictionary<FragmentKey, FragmentedSipMessage> _pending = new();
    // The copies of one message are one entry: thousands of phones retransmitting a lost INVITE ten times each must
    // fit the budget as thousands of messages, not tens of thousands of datagrams.
    private readonly Dictionary<MessageKey, FragmentedSipMessage> _lost = new();
    private readonly Dictionary<MessageKey, FragmentedSipMessage> _delivered = new();

    /// <summary>Messages whose fragments never all arrived here (the reassembler gave up waiting), in the order first lost.</summary>
    public List<FragmentedSipMessage> Lost { get; } = new();
    /// <summary>Fragmented messages reassembled here, in the order first reassembled.</summary>
    public List<FragmentedSipMessage> Delivered { get; } = new();
    /// <summary>Messages past the budget, not followed (state_evictions: sip-fragmented-messages).</summary>
    public long NotKept { get; private set; }

    /// <summary>
    /// A fragment the reassembler now holds (or just completed a datagram with): the first one of a SIP message over
    /// UDP starts following it.
    /// </summary>
    public void OnFragment(in DecodedFrame frame, ReadOnlySpan<byte> data, int point, FrameRef at, long timestampNs)
    {
        var key = FragmentKey.From(frame);
        if (_pending.TryGetValue(key, out var known))
        {
            Saw(known, at, timestampNs);
            return;
        }
        if (frame.FragmentOffset != 0 || frame.FragmentProtocol != IpProtocols.Udp) return;
        if ((uint)frame.PayloadOffset > (uint)data.Length || frame.PayloadLength > data.Length - frame.PayloadOffset) return;
        var udp = data.Slice(frame.PayloadOffset, frame.PayloadLength);
        if (udp.Length <= UdpHeaderBytes) return;
        var sip = udp[UdpHeaderBytes..];
        if (!SipDetector.LooksLikeSip(sip) || SipHead.TryRead(sip) is not { } head) return;
        var message = new FragmentedSipMessage
        {
            Point = point,
            SourceIp = frame.SourceIp,
            SourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp),
            DestinationIp = frame.DestinationIp,
            DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]),
            Head = head,
            FirstFragmentBytes = sip.Length,
            FirstNs = timestampNs,
        };
        message.FragmentIds.Add(frame.FragmentId);
        _pending[key] = message;
        Saw(message, at, timestampNs);
    }

    /// <summary>The datagram of <paramref name="key"/> was reassembled (<paramref name="datagramBytes"/> long, UDP header included).</summary>
    public void OnComplete(FragmentKey key, int datagramBytes)
    {
        if (!_pending.Remove(key, out var message)) return;
        message.Complete = true;
        message.TotalBytes = Math.Max(0, datagramBytes - UdpHeaderBytes);
        Keep(message, _delivered, Delivered, lost: false);
    }

    /// <summary>
    /// The reassembler gave up on the datagram of <paramref name="key"/> (its time ran out, or the capture ended
    /// first: <paramref name="captureEnded"/>): what was seen of it is all that came. <paramref name="datagramBytes"/>
    /// is its length when its last fragment came, else negative.
    /// </summary>
    public void OnAbandoned(FragmentKey key, int datagramBytes, bool captureEnded)
    {
        if (!_pending.Remove(key, out var message)) return;
        if (datagramBytes > 0) message.TotalBytes = Math.Max(0, datagramBytes - UdpHeaderBytes);
        message.CutByCaptureEnd = captureEnded;
        Keep(message, _lost, Lost, lost: true);
    }

    // One entry per message: a copy of one already kept joins it; a new one is kept while its budget lasts.
    private void Keep(FragmentedSipMessage message, Dictionary<MessageKey, FragmentedSipMessage> index, List<FragmentedSipMessage> list, bool lost)
    {
        var key = MessageKey.Of(message);
        if (index.TryGetValue(key, out var earlier))
        {
            earlier.Absorb(message);
            return;
        }
        if (lost ? budget.FragmentedSipMessages >= MaxMessages : budget.FragmentedSipDelivered >= MaxDelivered)
        {
            NotKept++;
            return;
        }
        if (lost) budget.FragmentedSipMessages++;
        else budget.FragmentedSipDelivered++;
        index.Add(key, message);
        list.Add(message);
    }

    /// <summary>
    /// The reassembler dropped the datagram for its own limits (memory, the number waiting, a hostile pattern) after it
    /// had waited <paramref name="waitedNs"/>. A datagram's fragments follow each other within milliseconds: one that
    /// waited a second or more would not have got the rest either — under thousands of such losses at once the
    /// reassembler's limits are reached, and they are losses still. Dropped sooner, nothing is known of it.
    /// </summary>
    public void OnDiscarded(FragmentKey key, int datagramBytes, long waitedNs)
    {
        if (waitedNs >= LostAfterNs)
        {
            OnAbandoned(key, datagramBytes, captureEnded: false);
            return;
        }
        _pending.Remove(key); // counted where the reassembler counts its own limits (ip-fragments)
    }

    // Which copies are one message: sender, receiver, Call-ID, CSeq and start line.
    private readonly record struct MessageKey(NetAddress Source, ushort SourcePort, NetAddress Destination, ushort DestinationPort,
        string? CallId, long CSeq, string StartLine)
    {
        public static MessageKey Of(FragmentedSipMessage m) =>
            new(m.SourceIp, m.SourcePort, m.DestinationIp, m.DestinationPort, m.Head.CallId, m.Head.CSeq, m.Head.StartLine);

        // Seeded per process: every field is the sender's to choose.
        public override int GetHashCode() => HashCode.Combine(Source, SourcePort, Destination, DestinationPort, CallId, CSeq, StartLine);
    }

    private static void Saw(FragmentedSipMessage message, FrameRef at, long timestampNs)
    {
        message.FragmentsSeen++;
        message.LastNs = Math.Max(message.LastNs, timestampNs);
        if (message.Frames.Count < FragmentedSipMessage.MaxFrames) message.Frames.Add(at);
    }
}
