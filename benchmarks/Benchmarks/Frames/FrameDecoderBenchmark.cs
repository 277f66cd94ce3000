using BenchmarkDotNet.Attributes;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Benchmarks.Frames;

/// <summary>
/// FrameDecoder.Decode on the frames a VoIP capture is made of. Each invocation decodes one frame
/// <see cref="Frames"/> times, so the reported time is per frame.
/// Run: dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*FrameDecoder*'
/// </summary>
[MemoryDiagnoser]
public class FrameDecoderBenchmark
{
    private const int Frames = 1000;
    private const string Register =
        "REGISTER sip:192.168.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.50:5060;branch=z9hG4bK776asdhds\r\n" +
        "From: <sip:201@192.168.0.2>;tag=1928301774\r\nTo: <sip:201@192.168.0.2>\r\nCall-ID: a84b4c76e66710\r\n" +
        "CSeq: 1 REGISTER\r\nContact: <sip:201@192.168.1.50>\r\nContent-Length: 0\r\n\r\n";

    private byte[] _ipv4Udp = [];
    private byte[] _vlanIpv4Udp = [];
    private byte[] _ipv6Udp = [];
    private byte[] _ipv4Tcp = [];
    private byte[] _rtp = [];
    private DecodedFrame _frame;

    [GlobalSetup]
    public void Setup()
    {
        var sip = Ascii(Register);
        _ipv4Udp = Ethernet(0x0800, Ipv4(17, "192.168.1.50", "192.168.0.2", Udp(5060, 5060, sip)));
        _vlanIpv4Udp = Ethernet(0x0800, Ipv4(17, "192.168.1.50", "192.168.0.2", Udp(5060, 5060, sip)), 10, 20);
        _ipv6Udp = Ethernet(0x86DD, Ipv6(17, "2001:db8::50", "2001:db8::2", Udp(5060, 5060, sip)));
        _ipv4Tcp = Ethernet(0x0800, Ipv4(6, "192.168.1.50", "192.168.0.2", Tcp(40000, 5060, 1, 0x18, sip)));
        _rtp = Ethernet(0x0800, Ipv4(17, "192.168.1.50", "192.168.0.2", Udp(16384, 20000, new byte[172])));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public bool EthernetIpv4UdpSip() => Run(_ipv4Udp);

    [Benchmark(OperationsPerInvoke = Frames)]
    public bool QinQIpv4UdpSip() => Run(_vlanIpv4Udp);

    [Benchmark(OperationsPerInvoke = Frames)]
    public bool EthernetIpv6UdpSip() => Run(_ipv6Udp);

    [Benchmark(OperationsPerInvoke = Frames)]
    public bool EthernetIpv4TcpSip() => Run(_ipv4Tcp);

    [Benchmark(OperationsPerInvoke = Frames)]
    public bool EthernetIpv4UdpRtp() => Run(_rtp);

    private bool Run(byte[] data)
    {
        bool found = false;
        for (int i = 0; i < Frames; i++)
            found |= FrameDecoder.Decode(LinkTypes.Ethernet, data, ref _frame);
        return found;
    }
}
