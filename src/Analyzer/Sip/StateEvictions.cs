namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>What the caps pushed out of the engine's tables, so a report can say its picture is incomplete.</summary>
public sealed class StateEvictions
{
    /// <summary>Live transactions dropped before their timers expired.</summary>
    public long Transactions { get; internal set; }
    /// <summary>Open dialogs dropped before they ended.</summary>
    public long Dialogs { get; internal set; }
    /// <summary>Registration histories (Call-ID, AOR) forgotten: refresh intervals lost.</summary>
    public long RegistrationBindings { get; internal set; }
    /// <summary>Entries of the tshark-compatible resend detector forgotten.</summary>
    public long ResendEntries { get; internal set; }
    /// <summary>Completed transactions counted but not kept in detail (over the retention cap).</summary>
    public long TransactionsNotRetained { get; internal set; }
    public long DialogsNotRetained { get; internal set; }
    public long RegistrationsNotRetained { get; internal set; }
    /// <summary>Copies of messages counted but not kept in detail (over the per-transaction cap).</summary>
    public long MessagesNotRetained { get; internal set; }
}
