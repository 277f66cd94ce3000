namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>What became of a transaction; the report names are in <see cref="TransactionOutcomes"/>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Reports.WireNameJsonConverter<TransactionOutcome>))]
public enum TransactionOutcome : byte
{
    /// <summary>Not complete yet (still in the live table when the report was written).</summary>
    Pending,
    /// <summary>A final response arrived within timer F (or, for an INVITE in progress, at all).</summary>
    Answered,
    /// <summary>No response at all within timer F (32 s) or before the capture ended.</summary>
    Unanswered,
    /// <summary>Only provisional responses (1xx), never a final one.</summary>
    ProvisionalOnly,
    /// <summary>The final response came after the client's timer F had fired: the client had given up.</summary>
    AnsweredLate,
    /// <summary>Responses without the request in this capture (capture started late, or the request took another path).</summary>
    ResponseOnly,
    /// <summary>Dropped from the live table by the cap before a final response; the result is unknown.</summary>
    Evicted,
}
