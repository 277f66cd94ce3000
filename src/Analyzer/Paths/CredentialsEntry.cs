namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>One known password: for <see cref="User"/> in <see cref="Realm"/> (null = any realm).</summary>
public sealed record CredentialsEntry(string User, string? Realm, string Password);
