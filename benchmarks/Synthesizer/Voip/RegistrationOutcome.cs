namespace PcapSipAnalyzer.Synthesizer.Voip;

/// <summary>How the PBX treats a phone's registrations — fixed per phone for the whole capture.</summary>
public enum RegistrationOutcome
{
    /// <summary>REGISTER → 401 → REGISTER with credentials → 200.</summary>
    Registered,

    /// <summary>REGISTER → 401 → REGISTER with credentials → 403.</summary>
    Rejected,

    /// <summary>No response at all; the phone retransmits until timer F.</summary>
    Unanswered,

    /// <summary>The 401 arrives, the authenticated REGISTER is never answered.</summary>
    AuthUnanswered,

    /// <summary>The PBX answers, but sends the 401 to the wrong gateway: it never arrives.</summary>
    AnsweredViaOtherGateway,
}
