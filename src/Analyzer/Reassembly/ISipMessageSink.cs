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
}
