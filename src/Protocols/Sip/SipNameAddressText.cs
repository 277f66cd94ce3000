namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>What a From or To value reads as: its display name, URI and tag.</summary>
internal readonly record struct SipNameAddressText(string? DisplayName, string Uri, string? Tag);
