using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// The registration, call or transaction a finding is about (every capture point's copy of it), found by the
/// finding's Call-ID and CSeq among the merged rows the other reports list: what a ladder is drawn for.
/// </summary>
internal sealed class FlaggedItems
{
    private readonly ILookup<string, MergedRegistration> _registrations;
    private readonly ILookup<string, MergedDialog> _dialogs;
    private readonly ILookup<string, MergedTransaction> _transactions;

    public FlaggedItems(AnalysisResult result)
    {
        _registrations = MergedRegistration.All(result).ToLookup(r => r.Lead.CallId, StringComparer.Ordinal);
        _dialogs = MergedDialog.All(result).ToLookup(d => d.Lead.CallId, StringComparer.Ordinal);
        _transactions = MergedTransaction.All(result).Where(t => t.Lead.CallId is not null).ToLookup(t => t.Lead.CallId!, StringComparer.Ordinal);
    }

    /// <summary>A key naming the item (so one item gets one ladder), its title and its transactions at every point; null when the finding names no call.</summary>
    public (object Key, string Title, List<Transaction> Transactions)? Of(Finding f)
    {
        if (f.CallId is not { } callId) return null;
        // A call the server forwarded to a phone behind a NAT: the leg to the phone is the story (the caller's leg
        // went well), drawn between the server and the phone's NAT address.
        if (f.Kind == FindingKind.NatBindingExpired && f.Client is { } phone)
        {
            var legs = _transactions[callId].Where(t => t.Server == phone).ToList();
            if (legs.Count > 0)
                return ((callId, phone), $"Call leg {legs[0].Client} → {phone} — Call-ID {callId} — never reached the phone",
                    legs.SelectMany(t => t.AtPoints).ToList());
        }
        var registration = _registrations[callId].FirstOrDefault(r => r.AtPoints.Any(a => a.Transactions.Any(t => t.CSeq == f.CSeq)))
                           ?? _registrations[callId].FirstOrDefault();
        if (registration is not null)
            return (registration, $"Registration {registration.Lead.Aor} — {registration.Client} → {registration.Server} — Call-ID {callId}" +
                                  $" — {RegistrationOutcomes.WireName(registration.Outcome) ?? "open"}, delivered {registration.Delivery.Delivered}",
                registration.AtPoints.SelectMany(r => r.Transactions).ToList());
        if (_dialogs[callId].FirstOrDefault() is { } dialog)
            return (dialog, $"Call {dialog.Caller} → {dialog.Callee} — Call-ID {callId} — {DialogOutcomes.WireName(dialog.Lead.Outcome)}",
                dialog.AtPoints.SelectMany(d => d.Transactions).ToList());
        var transaction = _transactions[callId].FirstOrDefault(t => t.Lead.CSeq == f.CSeq) ?? _transactions[callId].FirstOrDefault();
        if (transaction is null) return null;
        return (transaction, $"{transaction.Lead.Method} {transaction.Client} → {transaction.Server} — Call-ID {callId} CSeq {transaction.Lead.CSeq}",
            transaction.AtPoints.ToList());
    }
}
