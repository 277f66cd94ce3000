namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>What recomputing a digest response with a known password says.</summary>
public enum DigestVerdict : byte
{
    /// <summary>No password is known for the user and realm.</summary>
    NoPassword,
    /// <summary>The response matches: the client used the right password.</summary>
    PasswordRight,
    /// <summary>The response does not match: the client used another password (or user/realm).</summary>
    PasswordWrong,
    /// <summary>Fields are missing or the algorithm/qop is not one we can recompute.</summary>
    CannotVerify,
}
