using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>One copy of a SIP message as one capture point saw it, its time on the reference clock.</summary>
internal sealed record LadderCopy(CapturePoint Point, Transaction Transaction, TransactionMessage Message, long AlignedNs);
