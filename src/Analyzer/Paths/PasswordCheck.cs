using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// The first transaction of a finding whose digest response could be checked against the --credentials file,
/// and whether it was computed with the right password.
/// </summary>
internal sealed record PasswordCheck(Transaction Transaction, DigestVerdict Verdict)
{
    /// <summary>The first verifiable credentials among <paramref name="paths"/>, or null (no file, no credentials, or none verifiable).</summary>
    public static PasswordCheck? Find(IEnumerable<TransactionPath> paths, CredentialsFile? credentials)
    {
        if (credentials is null) return null;
        foreach (var p in paths)
        {
            var t = p.Transaction;
            if (t.Credentials is null) continue;
            var verdict = DigestVerifier.Verify(t.Credentials, t.Method, credentials);
            if (verdict is DigestVerdict.PasswordRight or DigestVerdict.PasswordWrong) return new PasswordCheck(t, verdict);
        }
        return null;
    }
}
