using PcapSipAnalyzer.Protocols.Rtp;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// The dynamic payload types (96–127) an SDP media section mapped with a=rtpmap: names and clock rates, in
/// two small arrays so the per-packet lookup is an index. Built once per SDP, shared by its streams.
/// </summary>
public sealed class RtpPayloadMap
{
    /// <summary>
    /// The clock an rtpmap with an unusable rate is taken to have when its encoding name does not tell: 8000 Hz, the rate of the telephony codecs
    /// (RFC 3551 §4.5). A rate below 1000 Hz makes Wireshark's whole-millisecond divisor zero, so jitter would be
    /// infinite; one above <see cref="MaxClockRate"/> is no codec's.
    /// </summary>
    public const int DefaultClockRate = 8000;

    /// <summary>The lowest rtpmap clock rate taken as given; below it the stream gets <see cref="DefaultClockRate"/>.</summary>
    public const int MinClockRate = 1000;

    /// <summary>The highest rtpmap clock rate taken as given (the highest in use is 192 kHz audio).</summary>
    public const int MaxClockRate = 1_000_000;

    private const int Size = 128 - RtpPayloadTypes.FirstDynamic;
    private readonly string?[] _names = new string?[Size];
    private readonly int[] _clockRates = new int[Size];
    private readonly bool[] _telephoneEvent = new bool[Size];

    public static RtpPayloadMap From(SdpMedia media)
    {
        var map = new RtpPayloadMap();
        if (!media.HasRtpMaps)
            return map;
        foreach (var (pt, rtpMap) in media.RtpMaps)
            map.Set(pt, rtpMap.Encoding, rtpMap.ClockRate);
        return map;
    }

    public void Set(int payloadType, string encoding, int clockRate)
    {
        int i = payloadType - RtpPayloadTypes.FirstDynamic;
        if ((uint)i >= Size)
            return;
        _names[i] = encoding;
        _telephoneEvent[i] = RtpPayloadTypes.IsTelephoneEvent(encoding);
        // Wireshark takes the rtpmap's rate, or its table by encoding name when the rtpmap gives none; an
        // unusable rate is treated as none, and an encoding the table does not know gets the default.
        _clockRates[i] = IsValidClockRate(clockRate) ? clockRate : KnownClockRate(encoding);
    }

    private static int KnownClockRate(string encoding)
    {
        int rate = RtpPayloadTypes.DynamicClockRate(encoding);
        return IsValidClockRate(rate) ? rate : DefaultClockRate;
    }

    /// <summary>Whether an rtpmap's clock rate can be computed with (see <see cref="DefaultClockRate"/>).</summary>
    public static bool IsValidClockRate(int clockRate) => clockRate is >= MinClockRate and <= MaxClockRate;

    /// <summary>The clock rate to compute jitter with: 0 for telephone-event and for unmapped types.</summary>
    public int ClockRate(int payloadType)
    {
        int i = payloadType - RtpPayloadTypes.FirstDynamic;
        if ((uint)i >= Size)
            return 0;
        return _telephoneEvent[i] ? 0 : _clockRates[i];
    }

    public string? Name(int payloadType)
    {
        int i = payloadType - RtpPayloadTypes.FirstDynamic;
        return (uint)i < Size ? _names[i] : null;
    }

    /// <summary>Clock rate of any payload type: the static table below 96, this map above.</summary>
    public static int ClockRateOf(int payloadType, RtpPayloadMap? map) =>
        payloadType < RtpPayloadTypes.FirstDynamic ? RtpPayloadTypes.StaticClockRate(payloadType)
        : map?.ClockRate(payloadType) ?? 0;

    /// <summary>
    /// The name Wireshark shows for a payload type: the rtpmap's encoding for mapped dynamic types; for
    /// unmapped ones the names of the dissectors it registers by default on 101 (RFC 4733 events) and 99
    /// (RFC 2198 redundancy); else its short-name table.
    /// </summary>
    public static string NameOf(int payloadType, RtpPayloadMap? map)
    {
        if (payloadType >= RtpPayloadTypes.FirstDynamic)
        {
            if (map?.Name(payloadType) is { } name)
                return name;
            if (payloadType == 101)
                return "rtpevent";
            if (payloadType == 99)
                return "rtp.rfc2198";
        }
        return RtpPayloadTypes.Name(payloadType);
    }
}
