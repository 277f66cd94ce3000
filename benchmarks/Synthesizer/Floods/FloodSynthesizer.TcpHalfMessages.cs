using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    /// <summary>
    /// --count TCP connections to port 5060 (distinct source address and port), each sending one segment: the
    /// first half of an INVITE whose header section never ends. No handshake: the data opens the connection.
    /// </summary>
    private FloodTruth TcpHalfMessages()
    {
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            var t = _text.Clear();
            var source = Source(75, i);
            t.Line("INVITE sip:1000@pbx.example.com SIP/2.0");
            t.Append("Via: SIP/2.0/TCP ").Append(source.Address).Append(":5060;branch=z9hG4bK").AppendHex((ulong)i, 12).Crlf();
            t.Append("From: <sip:2000@").Append(source.Address).Append(">;tag=").AppendHex((ulong)i, 8).Crlf();
            t.Line("To: <sip:1000@pbx.example.com>");
            t.Append("Call-ID: half-").AppendHex((ulong)i, 8).Append("@").Append(source.Address).Crlf();
            TcpOneSegment(source, (ushort)(1024 + (i >> 16)), (uint)(i * 2654435761));
        }
        return new FloodTruth { Kind = "tcp-half-messages", Distinct = count, Description = "TCP connections each with half an INVITE" };
    }

    /// <summary>
    /// --count TCP connections to port 5060, each one 20-byte segment: the start of a request line, never
    /// completed, so each connection holds a buffer.
    /// </summary>
    private FloodTruth TcpTinySegments()
    {
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            _text.Clear().Append("INVITE sip:1000@pbx.");
            TcpOneSegment(Source(76, i), (ushort)(1024 + (i >> 16)), (uint)(i * 2654435761));
        }
        return new FloodTruth { Kind = "tcp-tiny-segments", Distinct = count, Description = "TCP connections each with one 20-byte segment" };
    }

    /// <summary>Sends <see cref="_text"/> as one TCP segment from <paramref name="client"/> to the PBX's port 5060.</summary>
    private void TcpOneSegment(Host client, ushort clientPort, uint sequence)
    {
        var frame = _writer.FrameSpace(FrameBuilder.TcpPayloadOffset + _text.Length);
        _text.Span.CopyTo(frame[FrameBuilder.TcpPayloadOffset..]);
        Commit(FrameBuilder.FinishTcp(frame, client, clientPort, _pbx, 5060, sequence, 0,
            FrameBuilder.TcpAck | FrameBuilder.TcpPsh, _text.Length));
        _truth.Traffic.Flood++;
        _now += 5_000;
    }
}
