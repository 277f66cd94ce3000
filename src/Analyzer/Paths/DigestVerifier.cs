using System.Security.Cryptography;
using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Recomputes HTTP digest responses (RFC 2617 MD5, RFC 7616 SHA-256, the -sess variants, qop auth, auth-int
/// and none) from a known password, so a report can say from the packets whether a phone sent the right
/// password — the question a "wrong password" on the screen makes everyone ask.
/// </summary>
public static class DigestVerifier
{
    /// <summary>Checks credentials sent with a request of <paramref name="method"/> against <paramref name="password"/>.</summary>
    public static DigestVerdict Verify(SipCredentials credentials, string method, string password, ReadOnlySpan<byte> body = default)
    {
        if (!string.Equals(credentials.Scheme, "Digest", StringComparison.OrdinalIgnoreCase)
            || credentials.Username is null || credentials.Realm is null || credentials.Nonce is null
            || credentials.Uri is null || credentials.Response is null)
            return DigestVerdict.CannotVerify;
        var expected = ComputeResponse(credentials, method, password, body);
        if (expected is null) return DigestVerdict.CannotVerify;
        return string.Equals(expected, credentials.Response.Trim(), StringComparison.OrdinalIgnoreCase)
            ? DigestVerdict.PasswordRight : DigestVerdict.PasswordWrong;
    }

    /// <summary>Looks the user and realm up in <paramref name="file"/> and verifies; NoPassword when absent.</summary>
    public static DigestVerdict Verify(SipCredentials credentials, string method, CredentialsFile file, ReadOnlySpan<byte> body = default)
    {
        if (credentials.Username is null) return DigestVerdict.CannotVerify;
        var password = file.PasswordFor(credentials.Username, credentials.Realm);
        return password is null ? DigestVerdict.NoPassword : Verify(credentials, method, password, body);
    }

    /// <summary>The response the client should have sent, lower-case hex; null for an unknown algorithm or qop.</summary>
    public static string? ComputeResponse(SipCredentials c, string method, string password, ReadOnlySpan<byte> body = default)
    {
        var algorithm = (c.Algorithm ?? "MD5").Trim().Trim('"');
        bool session = algorithm.EndsWith("-sess", StringComparison.OrdinalIgnoreCase);
        var baseAlgorithm = session ? algorithm[..^5] : algorithm;
        Func<byte[], byte[]>? hash = baseAlgorithm.ToUpperInvariant() switch
        {
            "MD5" => MD5.HashData,
            "SHA-256" => SHA256.HashData,
            "SHA-512" => SHA512.HashData,
            _ => null,
        };
        if (hash is null) return null;
        string H(string s) => Convert.ToHexStringLower(hash(Encoding.UTF8.GetBytes(s)));

        var qop = c.Qop?.Trim().Trim('"');
        if (qop is not null && qop.Length > 0 && (c.NonceCount is null || c.CNonce is null)) return null;
        if (session && c.CNonce is null) return null;

        var ha1 = H($"{c.Username}:{c.Realm}:{password}");
        if (session) ha1 = H($"{ha1}:{c.Nonce}:{c.CNonce}");
        string ha2;
        if (string.IsNullOrEmpty(qop) || qop.Equals("auth", StringComparison.OrdinalIgnoreCase))
            ha2 = H($"{method}:{c.Uri}");
        else if (qop.Equals("auth-int", StringComparison.OrdinalIgnoreCase))
            ha2 = H($"{method}:{c.Uri}:{Convert.ToHexStringLower(hash(body.ToArray()))}");
        else
            return null;
        return string.IsNullOrEmpty(qop)
            ? H($"{ha1}:{c.Nonce}:{ha2}")
            : H($"{ha1}:{c.Nonce}:{c.NonceCount}:{c.CNonce}:{qop}:{ha2}");
    }
}
