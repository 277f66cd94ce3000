using PcapSipAnalyzer.Synthesizer.Truth;
using System.Buffers.Binary;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>Lowest source port of the rtp-ssrcs flood; analyse it with <c>--rtp-ports 10000-29999</c>.</summary>
    public const int RtpFloodLowPort = 10000;

    /// <summary>
    /// --count RTP packets, each with a new SSRC and a new source port in 10000–29999 (the range given to
    /// <c>--rtp-ports</c>), so every packet is a stream of its own that needs no confirmation.
    /// </summary>
    private FloodTruth RtpSsrcs()
    {
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            var source = Source(77, i >> 4);
            var p = _writer.FrameSpace(FrameBuilder.UdpPayloadOffset + 172)[FrameBuilder.UdpPayloadOffset..];
            p[0] = 0x80;
            p[1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(p[2..], (ushort)i);
            BinaryPrimitives.WriteUInt32BigEndian(p[4..], (uint)(i * 160));
            BinaryPrimitives.WriteUInt32BigEndian(p[8..], (uint)(i * 2654435761 + 1));
            p.Slice(12, 160).Fill(0xFF);
            CommitUdp(source, (ushort)(RtpFloodLowPort + i % 20000), _pbx, 40000, 172);
            _truth.Traffic.Flood++;
            _now += 5_000;
        }
        return new FloodTruth { Kind = "rtp-ssrcs", Distinct = count, Description = "RTP packets, each a new SSRC and source port inside --rtp-ports" };
    }
}
