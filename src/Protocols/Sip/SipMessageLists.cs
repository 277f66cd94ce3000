namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// The lists of a <see cref="SipMessage"/>, held apart and made when the first of them is: most messages have
/// one Via, one Contact, no challenge, credentials or anomaly, and five empty list fields in every message were
/// room the collector swept for nothing.
/// </summary>
internal sealed class SipMessageLists
{
    public List<SipVia>? Vias;
    public List<SipContact>? Contacts;
    public List<SipChallenge>? Challenges;
    public List<SipCredentials>? Credentials;
    public List<string>? Anomalies;
}
