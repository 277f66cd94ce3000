namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>From / To: "Display" &lt;sip:user@host&gt;;tag=….</summary>
public sealed class SipNameAddress
{
    public string? DisplayName { get; set; }
    public string Uri { get; set; } = "";
    public string? Tag { get; set; }

    /// <summary>The user part of the URI (e.g. the extension), null when none.</summary>
    public string? User
    {
        get
        {
            int colon = Uri.IndexOf(':');
            int at = Uri.IndexOf('@');
            if (at < 0 || colon < 0 || colon > at) return null;
            var user = Uri[(colon + 1)..at];
            int semi = user.IndexOf(';');
            return semi >= 0 ? user[..semi] : user;
        }
    }
}
