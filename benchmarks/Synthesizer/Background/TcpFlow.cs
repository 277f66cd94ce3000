using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer.Background;

/// <summary>One HTTPS download: handshake, a request, server segments acknowledged every second one, FIN.</summary>
public sealed class TcpFlow
{
    public Host Client { get; set; } = null!;
    public Host Server { get; set; } = null!;
    public ushort ClientPort { get; set; }
    public uint ClientSequence { get; set; }
    public uint ServerSequence { get; set; }
    public int SegmentsLeft { get; set; }
    public int SegmentsUnacknowledged { get; set; }
    public long RoundTrip { get; set; }
    public bool InUse { get; set; }
}
