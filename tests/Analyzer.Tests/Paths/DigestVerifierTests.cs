using System.Text;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

public class DigestVerifierTests
{
    // RFC 2617 §3.5: Mufasa / "Circle Of Life", qop=auth, MD5.
    private static SipCredentials Rfc2617() => new()
    {
        Username = "Mufasa", Realm = "testrealm@host.com", Nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
        Uri = "/dir/index.html", Qop = "auth", NonceCount = "00000001", CNonce = "0a4f113b",
        Response = "6629fae49393a05397450978507c4ef1", Opaque = "5ccc069c403ebaf9f0171e9517f40e41",
    };

    // RFC 7616 §3.9.1: the same request with MD5 and SHA-256.
    private static SipCredentials Rfc7616(string algorithm, string response) => new()
    {
        Username = "Mufasa", Realm = "http-auth@example.org", Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
        Uri = "/dir/index.html", Qop = "auth", NonceCount = "00000001",
        CNonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", Algorithm = algorithm, Response = response,
    };

    [Fact]
    public void Rfc2617_example_verifies() =>
        Assert.Equal(DigestVerdict.PasswordRight, DigestVerifier.Verify(Rfc2617(), "GET", "Circle Of Life"));

    [Fact]
    public void A_wrong_password_is_told() =>
        Assert.Equal(DigestVerdict.PasswordWrong, DigestVerifier.Verify(Rfc2617(), "GET", "Circle of Life"));

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_examples_verify(string algorithm, string response) =>
        Assert.Equal(DigestVerdict.PasswordRight, DigestVerifier.Verify(Rfc7616(algorithm, response), "GET", "Circle of Life"));

    // Expected values computed with Python's hashlib, independently of the code under test.
    [Fact]
    public void Sip_register_without_qop_verifies()
    {
        var c = new SipCredentials { Username = "201", Realm = "ipoffice", Nonce = "abc123nonce", Uri = "sip:192.168.0.10",
                                     Response = "a521bce1cfe48fc867568afeda5f6ae2" };
        Assert.Equal(DigestVerdict.PasswordRight, DigestVerifier.Verify(c, "REGISTER", "s3cret"));
        Assert.Equal(DigestVerdict.PasswordWrong, DigestVerifier.Verify(c, "REGISTER", "secret"));
    }

    [Fact]
    public void Sha256_sess_verifies()
    {
        var c = new SipCredentials { Username = "201", Realm = "ipoffice", Nonce = "n0nce", Uri = "sip:192.168.0.10",
                                     Qop = "auth", NonceCount = "00000002", CNonce = "cn0nce", Algorithm = "SHA-256-sess",
                                     Response = "ac8dc28b845226e472d24f9ad83dc3845ea8062199830739f3b775989197d874" };
        Assert.Equal(DigestVerdict.PasswordRight, DigestVerifier.Verify(c, "REGISTER", "s3cret"));
    }

    [Fact]
    public void Auth_int_hashes_the_body()
    {
        var c = new SipCredentials { Username = "201", Realm = "ipoffice", Nonce = "n1", Uri = "sip:300@pbx", Qop = "auth-int",
                                     NonceCount = "00000001", CNonce = "c1", Response = "7b60a115929e2da1e4ca056cf69c43f9" };
        Assert.Equal(DigestVerdict.PasswordRight, DigestVerifier.Verify(c, "INVITE", "s3cret", Encoding.ASCII.GetBytes("v=0\r\n")));
        Assert.Equal(DigestVerdict.PasswordWrong, DigestVerifier.Verify(c, "INVITE", "s3cret", Encoding.ASCII.GetBytes("v=1\r\n")));
    }

    [Fact]
    public void Unknown_algorithms_and_missing_fields_cannot_be_verified()
    {
        var odd = Rfc2617();
        odd.Algorithm = "AKAv1-MD5";
        var partial = Rfc2617();
        partial.Nonce = null;
        Assert.Equal(DigestVerdict.CannotVerify, DigestVerifier.Verify(odd, "GET", "Circle Of Life"));
        Assert.Equal(DigestVerdict.CannotVerify, DigestVerifier.Verify(partial, "GET", "Circle Of Life"));
    }

    [Fact]
    public void The_credentials_file_supplies_the_password_by_user_and_realm()
    {
        var file = CredentialsFile.Parse("""
            credentials:
              - { user: Mufasa, realm: elsewhere, password: nope }
              - { user: Mufasa, realm: testrealm@host.com, password: Circle Of Life }
              - { user: Simba, password: any-realm }
            """);
        Assert.Equal(DigestVerdict.PasswordRight, DigestVerifier.Verify(Rfc2617(), "GET", file));
        Assert.Equal("any-realm", file.PasswordFor("Simba", "whatever"));
        Assert.Null(file.PasswordFor("Nala", "x"));
        var json = CredentialsFile.Parse("""[ { "user": "Mufasa", "password": "Circle Of Life" } ]""");
        Assert.Equal(DigestVerdict.PasswordRight, DigestVerifier.Verify(Rfc2617(), "GET", json));
        var unknown = Rfc2617();
        unknown.Username = "Nala";
        Assert.Equal(DigestVerdict.NoPassword, DigestVerifier.Verify(unknown, "GET", file));
    }
}
