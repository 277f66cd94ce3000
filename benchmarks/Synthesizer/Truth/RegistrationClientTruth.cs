namespace PcapSipAnalyzer.Synthesizer.Truth;

/// <summary>One registering phone and what happened to every registration it attempted.</summary>
public sealed class RegistrationClientTruth
{
    public string Aor { get; set; } = "";
    public string Address { get; set; } = "";
    public int Port { get; set; }

    /// <summary>"A" (same LAN as the PBX) or "B" (behind router 1).</summary>
    public string Subnet { get; set; } = "";

    public string CallId { get; set; } = "";

    /// <summary>registered, rejected, unanswered, auth-unanswered or answered-via-other-gateway.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>Registration attempts started (each an unauthenticated REGISTER transaction).</summary>
    public int Attempts { get; set; }

    /// <summary>REGISTER packets sent, retransmissions included.</summary>
    public int Requests { get; set; }

    /// <summary>Responses the PBX sent, whether or not they reached the phone.</summary>
    public int Responses { get; set; }

    /// <summary>Retransmissions of REGISTER (timer E).</summary>
    public int Retransmissions { get; set; }

    /// <summary>For answered-via-other-gateway: the MAC the PBX's responses went to.</summary>
    public string? ResponseMac { get; set; }

    /// <summary>ICMP redirects the wrong gateway sent to the PBX about this phone's responses.</summary>
    public int IcmpRedirects { get; set; }
}
