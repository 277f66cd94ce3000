namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// What the SIP engines of one analysis hold together. Every capture point has an engine of its own, and a
/// pcapng file may have up to 1 024 points: caps counted per engine would let a flood spread thinly over the
/// points keep 1 024 times the memory while no engine reaches a cap. The engines count their live and kept
/// state here, so each cap of <see cref="SipEngineOptions"/> holds for the analysis. When a cap is reached,
/// the engine that adds evicts from its own tables (the others' state is not its to judge); one that holds
/// nothing yet keeps its first entry, so the sum stays within the cap plus one per point. Used from the
/// engines' thread only.
/// </summary>
public sealed class SipStateBudget
{
    internal SharedCount LiveTransactions { get; } = new();
    internal SharedCount LiveScanLikeTransactions { get; } = new();
    internal SharedCount LiveDialogs { get; } = new();
    internal SharedCount RetainedTransactions { get; } = new();
    internal SharedCount RetainedDialogs { get; } = new();
    internal SharedCount RetainedRegistrations { get; } = new();
    internal SharedBytes RetainedTransactionBytes { get; } = new();
    internal SharedBytes RetainedDialogBytes { get; } = new();
    internal SharedBytes RetainedRegistrationBytes { get; } = new();
    internal SharedCount RegistrationBindings { get; } = new();
    internal SharedCount ResendEntries { get; } = new();
    /// <summary>Challenged requests the scan tallies hold until their clients answer (or not).</summary>
    internal SharedCount HeldChallenges { get; } = new();

    /// <summary>
    /// The live transactions of every engine, in one index (a key holds its capture point, so the engines never
    /// meet in it). One table per point meant a dictionary per point, out of the CPU cache by the time its point's
    /// next message came when a capture has hundreds of points. Each engine keeps its own timers and count.
    /// </summary>
    internal TransactionIndex LiveTransactionIndex { get; } = new();

    /// <summary>The open dialogs of every engine by Call-ID and tag, in one index (a key holds its capture point).</summary>
    internal Dictionary<CallIdKey, Dialog> DialogIndex { get; } = new();

    private ResendDetector? _resends;

    /// <summary>
    /// One resend detector for every engine (its key holds the capture point): a map per point meant, once the
    /// shared count was full, a generation turned over, and a new dictionary grown, on nearly every message.
    /// </summary>
    internal ResendDetector Resends(int capacityPerGeneration) => _resends ??= new ResendDetector(capacityPerGeneration, ResendEntries);
}
