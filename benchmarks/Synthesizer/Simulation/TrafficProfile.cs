namespace PcapSipAnalyzer.Synthesizer.Simulation;

/// <summary>The knobs of the realistic mix, in one place. Times are nanoseconds.</summary>
public static class TrafficProfile
{
    public const long Millisecond = 1_000_000;
    public const long Second = 1_000_000_000;

    /// <summary>2023-11-14 22:13:20 UTC: a fixed start so files do not depend on the clock.</summary>
    public const long CaptureStart = 1_700_000_000L * Second;

    /// <summary>Phones send their first REGISTER within this span of the capture start.</summary>
    public const long FirstRegistrationSpread = 30 * Second;

    /// <summary>Expires granted in 200 OK; phones refresh at about half of it.</summary>
    public const int RegistrationExpires = 120;

    /// <summary>Wait before a phone whose registration failed tries again.</summary>
    public const long RegistrationRetry = 60 * Second;

    /// <summary>RFC 3261 T1, T2 and timer F for non-INVITE transactions.</summary>
    public const long T1 = 500 * Millisecond, T2 = 4 * Second, TimerF = 64 * T1;

    /// <summary>Share of its time a registered phone spends in calls.</summary>
    public const double BusyShare = 0.10;

    public const long MinCallDuration = 20 * Second, MaxCallDuration = 100 * Second;

    /// <summary>Mean idle time between a phone's calls, so that it is busy <see cref="BusyShare"/> of the time.</summary>
    public const long MeanCallIdle = (long)((MinCallDuration + MaxCallDuration) / 2 * (1 / BusyShare - 1));

    /// <summary>
    /// A phone's first call starts within one call cycle (call + idle) after it first registered, except for a
    /// <see cref="BusyShare"/> of phones that call within seconds: the capture is then in steady state from the start.
    /// </summary>
    public const long FirstCallSpread = (MinCallDuration + MaxCallDuration) / 2 + MeanCallIdle;

    public const long EarlyCallSpread = 10 * Second;

    public const long RtpInterval = 20 * Millisecond;
    public const int RtpPayloadLength = 160;
    public const long RtcpInterval = 5 * Second;

    /// <summary>Unrelated (TCP, DNS, ARP) bytes per VoIP byte: 0.25 makes them ~20 % of the file.</summary>
    public const double UnrelatedPerVoipByte = 0.25;

    public const long ArpInterval = 60 * Second;
}
