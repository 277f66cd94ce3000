using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// What an attempt of a phone has and an attempt of a REGISTER scan never does — credentials, bindings, a
/// refresh interval, history beyond the kept ends — made when the first of them is set: a scan opens an attempt
/// per message, each as long-lived as its transaction, and these fields were a quarter of it.
/// </summary>
internal sealed class RegistrationDetails
{
    public const int NoInt = int.MinValue;

    public string? Username;
    public string? Realm;
    public List<SipContact>? BoundContacts;
    public int GrantedExpires = NoInt;
    public double SincePreviousMs = double.NaN;
    public bool BindingLapsed;
    public int StepsNotKept;
    public int TransactionsNotKept;
}
