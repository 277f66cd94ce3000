namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>The result of the INVITE that created a dialog; the report names are in <see cref="DialogOutcomes"/>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Reports.WireNameJsonConverter<DialogOutcome>))]
public enum DialogOutcome : byte
{
    /// <summary>A 2xx answered the INVITE.</summary>
    Answered,
    /// <summary>A final 3xx–6xx (other than 487 after a CANCEL) ended it; see the final status.</summary>
    Rejected,
    /// <summary>The caller sent CANCEL before an answer.</summary>
    Cancelled,
    /// <summary>No final response (only provisional ones, or none) within the timers or the capture.</summary>
    Unanswered,
}
