namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// A completed datagram: its whole IP payload, valid until the next call on the <see cref="IpReassembler"/>
/// (the bytes are in a pooled buffer). Decode its transport with
/// <c>FrameDecoder.DecodeTransport(Protocol, Payload, ref frame)</c>.
/// </summary>
public readonly ref struct ReassembledDatagram
{
    public ReassembledDatagram(ReadOnlySpan<byte> payload, FragmentKey key, int fragments, long firstTimestampNs)
    {
        Payload = payload;
        Key = key;
        Fragments = fragments;
        FirstTimestampNs = firstTimestampNs;
    }

    /// <summary>The IP payload: for IPv4 after the IP header, for IPv6 after the fragment header.</summary>
    public ReadOnlySpan<byte> Payload { get; }
    public FragmentKey Key { get; }
    /// <summary>The protocol of the payload (IPv6: the fragment header's next header).</summary>
    public byte Protocol => Key.Protocol;
    /// <summary>Fragments received for it, duplicates included.</summary>
    public int Fragments { get; }
    public long FirstTimestampNs { get; }
}
