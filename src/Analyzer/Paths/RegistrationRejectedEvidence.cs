using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence of <see cref="FindingKind.RegistrationRejected"/>: the registrar's final status and the password check.</summary>
public sealed record RegistrationRejectedEvidence(int FinalStatus, DigestVerdict? Password) : FindingEvidence
{
    /// <summary>
    /// The client sent credentials before it was refused. False when the registrar refused the REGISTER outright (404 for
    /// an extension it has not got, 403 from a rule): no password was checked, so none is wrong.
    /// </summary>
    public bool CredentialsSent { get; init; } = true;
    /// <summary>The client's refused registrations are a program guessing the password (see <see cref="PasswordGuessing"/>).</summary>
    public bool Guessing { get; init; }
    /// <summary>The refused registrations (each a Call-ID of its own) the client made.</summary>
    public int Attempts { get; init; }
    /// <summary>From the first attempt's request to the last one's answer.</summary>
    public long SpanNs { get; init; }
    /// <summary>The addresses guessing together for the same user (<see cref="DistributedGuessing"/>), 1 for a lone guesser, 0 when not guessing.</summary>
    public int GuessingSources { get; init; }
    /// <summary>The attempts all those addresses made together, when there are several.</summary>
    public int GroupAttempts { get; init; }
    /// <summary>The user those addresses tried to register as, when there are several addresses and one user.</summary>
    public string? GroupUser { get; init; }
    /// <summary>The users those addresses tried together: 1 for one user, more for guesses sprayed over users, 0 when not guessing together.</summary>
    public int GroupUsers { get; init; }
    /// <summary>Those users in order, at most <see cref="DistributedGuessing.MaxUsersNamed"/>; empty when not guessing together.</summary>
    internal IReadOnlyList<string> GroupUserSample { get; init; } = [];
    /// <summary>The users the client's refused registrations were for: more than one for a device with several lines.</summary>
    public int Users { get; init; } = 1;
    /// <summary>Registrations were not kept past the report's cap: the attempts counted are a lower bound.</summary>
    public bool AttemptsAtLeast { get; init; }
}
