namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>
/// The static RTP payload types (RFC 3551, IANA registry): the short names Wireshark shows in its RTP stream
/// table and the clock rates its RTP analysis uses, plus the clock rates it assumes for dynamic types by
/// encoding name. The names are Wireshark's, not IANA's, so our tables read like the ones engineers know.
/// </summary>
public static class RtpPayloadTypes
{
    public const byte Pcmu = 0;
    public const byte Pcma = 8;
    public const byte G722 = 9;
    public const byte ComfortNoise = 13;
    public const byte G729 = 18;
    /// <summary>The comfort-noise type of RFC 1890, before 13 took over.</summary>
    public const byte ComfortNoiseOld = 19;
    public const byte FirstDynamic = 96;

    private static readonly string[] ShortNames = BuildShortNames();

    // Clock rate per static type; 0 = none known (Wireshark computes no jitter then).
    private static readonly int[] StaticClockRates = BuildClockRates();

    // Dynamic types: encoding name (prefix, case-insensitive) → clock rate. Wireshark matches these in reverse
    // order so that a longer name wins over its prefix ("EVRCB0" before "EVRCB").
    private static readonly (string Name, int Rate)[] DynamicClockRates =
    [
        ("AMR", 8000), ("AMR-WB", 16000), ("BMPEG", 90000), ("BT656", 90000), ("DV", 90000),
        ("EVRC", 8000), ("EVRC0", 8000), ("EVRC1", 8000), ("EVRCB", 8000), ("EVRCB0", 8000), ("EVRCB1", 8000),
        ("EVRCWB", 16000), ("EVRCWB0", 16000), ("EVRCWB1", 16000), ("EVS", 16000), ("G7221", 16000),
        ("G726-16", 8000), ("G726-24", 8000), ("G726-32", 8000), ("G726-40", 8000), ("G729D", 8000),
        ("G729E", 8000), ("GSM-EFR", 8000), ("H263-1998", 90000), ("H263-2000", 90000), ("H264", 90000),
        ("MP1S", 90000), ("MP2P", 90000), ("MP4V-ES", 90000), ("mpa-robust", 90000), ("opus", 48000),
        ("pointer", 90000), ("raw", 90000), ("red", 1000), ("SMV", 8000), ("SMV0", 8000), ("t140", 1000),
        ("telephone-event", 8000),
    ];

    /// <summary>Wireshark's short name of a payload type ("g711U", "g729", "RTPType-101").</summary>
    public static string Name(int payloadType) =>
        (uint)payloadType < (uint)ShortNames.Length ? ShortNames[payloadType] : "Unknown";

    /// <summary>Clock rate in Hz of a static payload type, 0 when it has none (dynamic, unassigned).</summary>
    public static int StaticClockRate(int payloadType) =>
        (uint)payloadType < (uint)StaticClockRates.Length ? StaticClockRates[payloadType] : 0;

    /// <summary>The clock rate Wireshark assumes for a dynamic encoding named without a rate, 0 if unknown.</summary>
    public static int DynamicClockRate(ReadOnlySpan<char> encodingName)
    {
        for (int i = DynamicClockRates.Length - 1; i >= 0; i--)
        {
            if (encodingName.StartsWith(DynamicClockRates[i].Name, StringComparison.OrdinalIgnoreCase))
                return DynamicClockRates[i].Rate;
        }
        return 0;
    }

    /// <summary>Comfort noise (13, or 19 of RFC 1890): Wireshark leaves it and the packet after it out of delta and jitter.</summary>
    public static bool IsComfortNoise(int payloadType) => payloadType is ComfortNoise or ComfortNoiseOld;

    /// <summary>RFC 4733 events: their timestamp stays put for a whole event, so no jitter is computed.</summary>
    public static bool IsTelephoneEvent(ReadOnlySpan<char> encodingName) =>
        encodingName.StartsWith("telephone-event", StringComparison.OrdinalIgnoreCase);

    private static string[] BuildShortNames()
    {
        var names = new string[128];
        for (int i = 0; i < names.Length; i++)
            names[i] = i >= FirstDynamic ? $"RTPType-{i}" : "Unassigned";
        string[] known =
        [
            "g711U", "fs-1016", "g721", "GSM", "g723", "DVI4 8k", "DVI4 16k", "Exp. from Xerox PARC", "g711A",
            "g722", "16-bit audio, stereo", "16-bit audio, monaural", "Qualcomm", "CN", "MPEG-I/II Audio", "g728",
            "DVI4 11k", "DVI4 22k", "g729", "CN(old)",
        ];
        known.CopyTo(names, 0);
        names[25] = "CellB";
        names[26] = "JPEG";
        names[28] = "NV";
        names[31] = "h261";
        names[32] = "MPEG-I/II Video";
        names[33] = "MPEG-II streams";
        names[34] = "h263";
        for (int i = 72; i <= 76; i++)
            names[i] = "Reserved for RTCP conflict avoidance";
        return names;
    }

    private static int[] BuildClockRates()
    {
        var rates = new int[FirstDynamic];
        foreach (int pt in (ReadOnlySpan<int>)[0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 15, 18, 19])
            rates[pt] = 8000;
        rates[6] = 16000;
        rates[10] = 44100;
        rates[11] = 44100;
        rates[16] = 11025;
        rates[17] = 22050;
        foreach (int pt in (ReadOnlySpan<int>)[14, 25, 26, 28, 31, 32, 33, 34])
            rates[pt] = 90000;
        return rates;
    }
}
