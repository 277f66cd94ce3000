namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// Receives packets from a <see cref="CaptureReader"/>. Implemented by the analysis; a struct or sealed
/// class so the per-packet call can be devirtualised.
/// </summary>
public interface IPacketSink
{
    /// <summary>Called once per packet, in file order. <paramref name="packet"/> is only valid during the call.</summary>
    void OnPacket(in CapturedPacket packet);

    /// <summary>Called when the reader meets a new interface (pcap: once, from the file header).</summary>
    void OnInterface(CaptureInterface captureInterface);

    /// <summary>
    /// A packet record longer than <see cref="CaptureReadContext.MaxBufferedRecordLength"/> was skipped unread:
    /// <paramref name="packet"/> has its frame number, offset and length but no data.
    /// </summary>
    void OnOversizeRecord(in CapturedPacket packet)
    {
    }
}
