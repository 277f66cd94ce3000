namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Timers and caps of the SIP engine. The timers are RFC 3261's (§17, UDP values); the caps keep memory
/// proportional to concurrent activity, never to the size of the capture.
/// </summary>
public sealed class SipEngineOptions
{
    /// <summary>T1, the RTT estimate: first request retransmission interval (timer E/A start).</summary>
    public long T1Ns { get; init; } = 500_000_000;

    /// <summary>T2, the cap of the doubling retransmission interval of non-INVITE requests.</summary>
    public long T2Ns { get; init; } = 4_000_000_000;

    /// <summary>Timer F / B = 64·T1: a request without a final response this long after it was first sent is unanswered.</summary>
    public long TimeoutNs => 64 * T1Ns;

    /// <summary>
    /// How long a transaction stays matchable after its timeout and after its last message, so that late
    /// responses, retransmissions after the final response and ACKs still find it (timers D, H, J are 32 s over UDP).
    /// </summary>
    public long LingerNs { get; init; } = 32_000_000_000;

    /// <summary>An INVITE that got a provisional response waits for its final one this long after its last message (timer C).</summary>
    public long InviteProceedingTimeoutNs { get; init; } = 180_000_000_000;

    /// <summary>A confirmed dialog without any message for this long is closed (calls without a captured BYE).</summary>
    public long DialogIdleTimeoutNs { get; init; } = 4L * 3600 * 1_000_000_000;

    // The caps below hold for the analysis, shared by the engines of all capture points (SipStateBudget). They are sized for a 300 MB budget. A transaction with its dialog and resend entry
    // holds ~1 KB live, but under a flood of new Call-IDs each one outlives a few collections and dies in
    // gen2, so the peak is set by that promoted garbage more than by the live tables: with 25 000 live
    // transactions 250 000 distinct INVITEs peaked at 296–328 MB RSS (48 MB live), with 10 000 at 204–217 MB.
    // 10 000 open transactions and dialogs at once is still a large SBC. Raise them only with
    // tests/EndToEnd.Tests/Hostile/FloodTests in view.

    /// <summary>Transactions waiting for responses at once; beyond this the one closest to its timeout is evicted.</summary>
    public int MaxLiveTransactions { get; init; } = 10_000;

    /// <summary>
    /// Of the live transactions, those that look like scan traffic so far (one copy of a REGISTER, OPTIONS or
    /// INVITE over UDP without credentials, unanswered or turned away); beyond this the oldest of them is evicted
    /// once past <see cref="ScanLikeGraceNs"/>. A scan's requests then give way to each other, not to a phone's
    /// transactions, and die young enough for the collector (see <see cref="TransactionTable"/>): at a scan's usual
    /// thousand requests a second they live two seconds.
    /// </summary>
    public int MaxLiveScanLikeTransactions { get; init; } = 2_000;

    /// <summary>
    /// How long a scan-like request is kept whatever the scan-like cap (the whole table's cap still holds): two T1,
    /// the time a phone's unanswered UDP request takes to be retransmitted (0.5 s) and so stop looking like a scan's,
    /// with room to spare. A faster scan keeps more of its requests for this long, as many as the table holds.
    /// </summary>
    public long ScanLikeGraceNs => 2 * T1Ns;

    /// <summary>Dialogs open at once; beyond this the one closest to its timeout is evicted.</summary>
    public int MaxLiveDialogs { get; init; } = 10_000;

    /// <summary>(Call-ID, AOR) registration histories remembered for refresh intervals (two generations of this size).</summary>
    public int MaxRegistrationBindings { get; init; } = 25_000;

    /// <summary>Completed transactions kept with full detail for the report; later ones are only counted.</summary>
    public int MaxRetainedTransactions { get; init; } = 10_000;

    /// <summary>Completed dialogs kept for the report; later ones are only counted.</summary>
    public int MaxRetainedDialogs { get; init; } = 10_000;

    /// <summary>Registrations kept for the report; later ones are only counted.</summary>
    public int MaxRetainedRegistrations { get; init; } = 10_000;

    // The same three kept sets in bytes, as RetainedSize estimates them. With counts alone the kept state went on
    // growing long after the counts were full — noteworthy transactions, which keep every retransmitted copy, took
    // the places of small routine ones, and completed calls piled up — so peak RSS rose from the 2 GB mix to the
    // 4 GB one. Sized so the 200 MB synthesized mix stays within them (9.1, 1.7 and 9.1 MiB) and the 2 GB mix
    // reaches them early — transactions and registrations at about 1.3 GB, dialogs (which complete as calls end,
    // and the 200 MB mix's all at its end) at about 1.8 GB: from there the kept state no longer grows with the capture.

    /// <summary>Bytes of completed transactions kept for the report; past them noteworthy ones replace routine ones, the rest are only counted.</summary>
    public long MaxRetainedTransactionBytes { get; init; } = 20L << 20;

    /// <summary>Bytes of completed dialogs kept for the report; later ones are only counted.</summary>
    public long MaxRetainedDialogBytes { get; init; } = 2L << 20;

    /// <summary>Bytes of registrations kept for the report (with the transactions they hold); past them as for transactions.</summary>
    public long MaxRetainedRegistrationBytes { get; init; } = 32L << 20;

    /// <summary>Copies of one request (or of one response status) kept per transaction; more are only counted.</summary>
    public int MaxMessagesPerTransaction { get; init; } = 64;

    /// <summary>
    /// Of a dialog's transactions and SDP bodies and of a registration attempt's transactions, this many of the
    /// first and this many of the latest are kept; the ones between are only counted (<see cref="KeptHistory"/>).
    /// A day-long call re-INVITEd every minute, or a phone retrying one REGISTER forever, must not grow without bound.
    /// </summary>
    public int HistoryKeptAtEachEnd { get; init; } = 32;

    /// <summary>
    /// To tags of early and confirmed branches indexed per dialog (a forked INVITE's branches); more are only
    /// counted. Real forking rings tens of phones; a flood of 180s with a new tag each must not add a key per message.
    /// </summary>
    public int MaxCalleeTagsPerDialog { get; init; } = 64;

    /// <summary>REGISTER transactions kept in one registration attempt; more are only counted.</summary>
    public int MaxStepsPerRegistration { get; init; } = 64;

    /// <summary>Frame numbers kept per anomaly kind (the count goes on).</summary>
    public int MaxFramesPerAnomaly { get; init; } = 50;

    /// <summary>Entries per generation of the tshark-compatible resend detector.</summary>
    public int MaxResendEntries { get; init; } = 10_000;
}
