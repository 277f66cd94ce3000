using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence of <see cref="FindingKind.RegistrationRejected"/>: the registrar's final status and the password check.</summary>
public sealed record RegistrationRejectedEvidence(int FinalStatus, DigestVerdict? Password) : FindingEvidence
{
    /// <summary>The client's refused registrations are a program guessing the password (see <see cref="PasswordGuessing"/>).</summary>
    public bool Guessing { get; init; }
    /// <summary>The refused registrations (each a Call-ID of its own) the client made.</summary>
    public int Attempts { get; init; }
    /// <summary>From the first attempt's request to the last one's answer.</summary>
    public long SpanNs { get; init; }
}
