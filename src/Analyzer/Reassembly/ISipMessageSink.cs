using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>Receives each SIP message framed out of a TCP byte stream.</summary>
public interface ISipMessageSink
{
    /// <summary>
    /// One whole message. <paramref name="meta"/> is the packet of the segment that completed it (as
    /// Wireshark reports a reassembled PDU in the frame where it completes); <paramref name="message"/> is
    /// valid only during the call.
    /// </summary>
    void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message);

    /// <summary>
    /// The same, with the frame whose segment carried the message's first byte (<paramref name="firstFrame"/>, earlier
    /// than <paramref name="meta"/>'s frame when the message spread over several segments).
    /// </summary>
    void OnSipMessage(in PacketMeta meta, long firstFrame, ReadOnlySpan<byte> message) => OnSipMessage(meta, message);
}
