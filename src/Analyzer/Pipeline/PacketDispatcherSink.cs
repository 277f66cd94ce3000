using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// The dispatcher as a struct sink. <see cref="CaptureReader.ReadAsync{TSink}"/> with a class sink runs
/// shared generic code (one body for every reference type), where each packet's call goes through a generic
/// dictionary lookup and interface dispatch; with this struct the reader, record walker and format are compiled
/// for it and the call to <see cref="PacketDispatcher.OnPacket"/> is direct.
/// </summary>
internal readonly struct PacketDispatcherSink(PacketDispatcher dispatcher) : IPacketSink
{
    public void OnPacket(in CapturedPacket packet) => dispatcher.OnPacket(packet);

    public void OnInterface(CaptureInterface captureInterface) => dispatcher.OnInterface(captureInterface);

    public void OnOversizeRecord(in CapturedPacket packet) => dispatcher.OnOversizeRecord(packet);
}
