namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>What the caps pushed out of the engine's tables, so a report can say its picture is incomplete.</summary>
public sealed class StateEvictions
{
    /// <summary>Live transactions dropped before their timers expired.</summary>
    public long Transactions { get; internal set; }
    /// <summary>Live transactions that looked like scan traffic, dropped before their timers to make room for newer ones.</summary>
    public long ScanLikeTransactions { get; internal set; }
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
    /// <summary>Transactions and SDP bodies in the middle of a long dialog's history, not kept (<see cref="KeptHistory"/>).</summary>
    public long DialogHistoryNotRetained { get; internal set; }
    /// <summary>Responses whose new To tag was past a dialog's cap of branches, not indexed (<see cref="SipEngineOptions.MaxCalleeTagsPerDialog"/>).</summary>
    public long DialogTagsNotIndexed { get; internal set; }
    /// <summary>Transactions in the middle of a long registration attempt, not kept.</summary>
    public long RegistrationHistoryNotRetained { get; internal set; }
    /// <summary>Contacts of a message beyond the parser's cap, not parsed.</summary>
    public long ContactsNotParsed { get; internal set; }
    /// <summary>SDP m= sections beyond the parser's cap, not parsed.</summary>
    public long SdpMediaNotParsed { get; internal set; }
}
