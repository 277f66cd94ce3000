using PcapSipAnalyzer.Protocols.Rtp;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// The dynamic payload types (96–127) an SDP media section mapped with a=rtpmap: names and clock rates. Built
/// once per SDP, shared by its streams, and kept by every stream and SDP endpoint of the call for the rest of the
/// analysis, so it holds only the types the SDP mapped (one or two, typically): three arrays over all 32 dynamic
/// types cost ~500 bytes per m= line, ~2 MB of the 4 GB mix's heap. A packet reads it only when its payload type
/// differs from the last one's (the stream's state caches that clock rate), so a short linear search is enough.
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

    // The map of an SDP that mapped no dynamic type (static codecs only): one for every such SDP, never changed.
    private static readonly RtpPayloadMap None = new() { _frozen = true };

    private Mapping[] _mappings = [];
    private bool _frozen;

    public static RtpPayloadMap From(SdpMedia media)
    {
        if (!media.HasRtpMaps)
            return None;
        RtpPayloadMap? map = null;
        foreach (var (pt, rtpMap) in media.RtpMaps)
        {
            if (!IsDynamic(pt))
                continue;
            map ??= new RtpPayloadMap();
            map.Set(pt, rtpMap.Encoding, rtpMap.ClockRate);
        }
        return map ?? None;
    }

    /// <summary>True when both maps give every payload type the same encoding and clock (an SDP re-offer's).</summary>
    internal bool SameAs(RtpPayloadMap other) =>
        ReferenceEquals(this, other) || _mappings.AsSpan().SequenceEqual(other._mappings);

    public void Set(int payloadType, string encoding, int clockRate)
    {
        if (!IsDynamic(payloadType))
            return;
        if (_frozen)
            throw new InvalidOperationException("The shared map of SDPs without dynamic payload types cannot change.");
        // Wireshark takes the rtpmap's rate, or its table by encoding name when the rtpmap gives none; an
        // unusable rate is treated as none, and an encoding the table does not know gets the default.
        var mapping = new Mapping((byte)payloadType, encoding, IsValidClockRate(clockRate) ? clockRate : KnownClockRate(encoding),
            RtpPayloadTypes.IsTelephoneEvent(encoding));
        int i = IndexOf(payloadType);
        if (i < 0)
        {
            i = _mappings.Length;
            Array.Resize(ref _mappings, i + 1);
        }
        _mappings[i] = mapping;
    }

    private static bool IsDynamic(int payloadType) => payloadType is >= RtpPayloadTypes.FirstDynamic and < 128;

    private int IndexOf(int payloadType)
    {
        var mappings = _mappings;
        for (int i = 0; i < mappings.Length; i++)
            if (mappings[i].PayloadType == payloadType)
                return i;
        return -1;
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
        int i = IndexOf(payloadType);
        return i < 0 || _mappings[i].TelephoneEvent ? 0 : _mappings[i].ClockRate;
    }

    public string? Name(int payloadType)
    {
        int i = IndexOf(payloadType);
        return i < 0 ? null : _mappings[i].Encoding;
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

    private readonly record struct Mapping(byte PayloadType, string Encoding, int ClockRate, bool TelephoneEvent);
}
