namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>One phone run of a lab scenario, as its expected.json records it.</summary>
public sealed record LabClient(
    string Client, string Role, string Transport, bool PasswordCorrect, bool Completed,
    IReadOnlyList<(string Kind, string Severity)> ExpectedFindings);
