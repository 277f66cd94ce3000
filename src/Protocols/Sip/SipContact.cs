namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>One Contact value with its expires parameter.</summary>
public sealed class SipContact
{
    public string? DisplayName { get; set; }
    public string Uri { get; set; } = "";
    /// <summary>;expires= parameter, null when absent.</summary>
    public int? Expires { get; set; }
}
