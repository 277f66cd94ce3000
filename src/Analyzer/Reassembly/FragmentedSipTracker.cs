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
    /// <summary>Messages every point's tracker holds together, waiting or lost (they share the budget).</summary>
    public const int MaxMessages = 4096;
    /// <summary>Reassembled messages every point's tracker keeps together: a healthy network's large INVITEs must
    /// not take the places of the lost ones that come later.</summary>
    public const int MaxDelivered = 4096;
    private const int UdpHeaderBytes = 8;

    private readonly Dictionary<FragmentKey, FragmentedSipMessage> _pending = new();

    /// <summary>Messages whose fragments never all arrived here (the reassembler gave up waiting).</summary>
    public List<FragmentedSipMessage> Lost { get; } = new();
    /// <summary>Fragmented messages reassembled here.</summary>
    public List<FragmentedSipMessage> Delivered { get; } = new();
    /// <summary>Messages past the budget, not followed.</summary>
    public long NotKept { get; private set; }

    /// <summary>A fragment of any datagram: the first one of a SIP message over UDP starts following it.</summary>
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
        if (budget.FragmentedSipMessages >= MaxMessages)
        {
            NotKept++;
            return;
        }
        var message = new FragmentedSipMessage
        {
            Point = point,
            SourceIp = frame.SourceIp,
            SourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp),
            DestinationIp = frame.DestinationIp,
            DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]),
            FragmentId = frame.FragmentId,
            Head = head,
            FirstFragmentBytes = sip.Length,
            FirstNs = timestampNs,
        };
        budget.FragmentedSipMessages++;
        _pending[key] = message;
        Saw(message, at, timestampNs);
    }

    /// <summary>The datagram of <paramref name="key"/> was reassembled (<paramref name="datagramBytes"/> long, UDP header included).</summary>
    public void OnComplete(FragmentKey key, int datagramBytes)
    {
        if (!_pending.Remove(key, out var message)) return;
        budget.FragmentedSipMessages--;
        message.Complete = true;
        message.TotalBytes = Math.Max(0, datagramBytes - UdpHeaderBytes);
        if (budget.FragmentedSipDelivered >= MaxDelivered)
        {
            NotKept++;
            return;
        }
        budget.FragmentedSipDelivered++;
        Delivered.Add(message);
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
        Lost.Add(message);
    }

    /// <summary>The reassembler dropped the datagram for its own limits (memory, a hostile pattern): not the network's doing.</summary>
    public void OnDiscarded(FragmentKey key)
    {
        if (!_pending.Remove(key)) return;
        budget.FragmentedSipMessages--;
        NotKept++;
    }

    private static void Saw(FragmentedSipMessage message, FrameRef at, long timestampNs)
    {
        message.FragmentsSeen++;
        message.LastNs = Math.Max(message.LastNs, timestampNs);
        if (message.Frames.Count < FragmentedSipMessage.MaxFrames) message.Frames.Add(at);
    }
}
