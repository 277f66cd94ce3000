namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Call quality of one RTP stream by the simplified E-model (<see cref="EModel"/>): the codec's Ie and Bpl, the
/// packets lost in the network plus those a fixed <see cref="JitterBufferMs"/> de-jitter buffer would discard,
/// and a one-way delay of packetization + buffer + half the RTCP round trip when one is known.
/// </summary>
public readonly record struct StreamQuality(string Codec, double EffectiveLossPercent, double OneWayDelayMs, double R, double Mos)
{
    /// <summary>Depth of the de-jitter buffer assumed at the receiver: a packet later than this behind the earliest one counts as lost.</summary>
    public const double JitterBufferMs = 60;

    /// <summary>Packetization delay assumed (one 20 ms frame).</summary>
    public const double PacketizationMs = 20;

    /// <summary>
    /// The quality of a stream, or null when its codec has no impairment factors (video, events only) or it
    /// has no packets. <paramref name="roundTripMs"/> is the RTCP round-trip time when known (by default the
    /// stream's own, <see cref="RtpStream.RoundTripMs"/>).
    /// </summary>
    public static StreamQuality? Of(RtpStream stream, double? roundTripMs = null)
    {
        roundTripMs ??= stream.RoundTripMs;
        var st = stream.Statistics;
        if (st.Packets == 0 || CodecOf(stream) is not { } codec)
            return null;
        long expected = Math.Max(st.Expected, st.Packets);
        double loss = (Math.Max(st.Lost, 0) + st.LateForBuffer) * 100.0 / expected;
        double delay = PacketizationMs + JitterBufferMs + (roundTripMs is > 0 ? roundTripMs.Value / 2 : 0);
        double r = EModel.R(codec, loss, delay);
        return new StreamQuality(codec.Codec, Math.Min(loss, 100), delay, r, EModel.Mos(r));
    }

    // The first payload type the table knows: a stream may begin with comfort noise or an event.
    private static CodecImpairment? CodecOf(RtpStream stream)
    {
        foreach (int pt in stream.PayloadTypes)
        {
            if (CodecImpairment.Of(RtpPayloadMap.NameOf(pt, stream.PayloadMap)) is { } codec)
                return codec;
        }
        return null;
    }
}
