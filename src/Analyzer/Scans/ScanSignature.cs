namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// User-Agent strings of SIP scanning and cracking tools (SIPVicious svmap/svwar/svcrack as "friendly-scanner",
/// sipcli, the VaxSIP SDK many scanners are built on, …): a request carrying one is a scan whatever was answered.
/// </summary>
public static class ScanSignature
{
    private static readonly string[] Agents =
    [
        "friendly-scanner", "sipvicious", "sipcli", "vaxsipuseragent", "sundayddr", "iwar", "sip-scan", "sipscan",
        "smap", "pplsip", "sipsak-scan", "voip-scanner",
    ];

    /// <summary>True when <paramref name="userAgent"/> names a known scanner (case-insensitive, anywhere in it).</summary>
    public static bool IsScannerAgent(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent)) return false;
        foreach (var agent in Agents)
            if (userAgent.Contains(agent, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
