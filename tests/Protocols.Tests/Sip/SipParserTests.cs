using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Protocols.Tests.Sip.SipWire;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

public class SipParserTests
{
    [Fact]
    public void RequestLineAndCoreHeaders()
    {
        var m = Parse("""
            REGISTER sip:pbx.example.com SIP/2.0
            Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK-1;rport
            Max-Forwards: 70
            From: "Alice Smith" <sip:201@pbx.example.com>;tag=a73kszlfl
            To: <sip:201@pbx.example.com>
            Call-ID: 1j9FpLxk3uxtm8tn@192.168.1.20
            CSeq: 2 REGISTER
            Contact: <sip:201@192.168.1.20:5060>;expires=3600
            User-Agent: Avaya one-X Communicator
            Content-Length: 0


            """);
        Assert.True(m.IsRequest);
        Assert.Equal("REGISTER", m.Method);
        Assert.Equal("sip:pbx.example.com", m.RequestUri);
        Assert.Equal("1j9FpLxk3uxtm8tn@192.168.1.20", m.CallId);
        Assert.Equal(2, m.CSeq);
        Assert.Equal("REGISTER", m.CSeqMethod);
        Assert.Equal(70, m.MaxForwards);
        Assert.Equal("Alice Smith", m.From!.DisplayName);
        Assert.Equal("sip:201@pbx.example.com", m.From.Uri);
        Assert.Equal("a73kszlfl", m.From.Tag);
        Assert.Equal("201", m.From.User);
        Assert.Null(m.To!.Tag);
        Assert.Equal(3600, Assert.Single(m.Contacts).Expires);
        Assert.Equal("Avaya one-X Communicator", m.UserAgent);
        Assert.Equal(0, m.ContentLength);
        Assert.Empty(m.Body);
        Assert.Empty(m.Anomalies);
        var via = m.TopVia!;
        Assert.Equal("UDP", via.Transport);
        Assert.Equal("192.168.1.20", via.Host);
        Assert.Equal(5060, via.Port);
        Assert.Equal("z9hG4bK-1", via.Branch);
        Assert.True(via.HasMagicCookie);
        Assert.True(via.HasRport);
        Assert.Null(via.Rport);
    }

    [Fact]
    public void StatusLine()
    {
        var m = Parse("""
            SIP/2.0 401 Unauthorized
            Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK-1;received=203.0.113.7;rport=40123
            CSeq: 1 REGISTER
            Server: IP Office 11.1
            Content-Length: 0


            """);
        Assert.False(m.IsRequest);
        Assert.Null(m.Method);
        Assert.Equal(401, m.StatusCode);
        Assert.Equal("Unauthorized", m.ReasonPhrase);
        Assert.Equal("IP Office 11.1", m.Server);
        Assert.Equal("203.0.113.7", m.TopVia!.Received);
        Assert.Equal(40123, m.TopVia.Rport);
    }

    [Fact]
    public void CompactFormsAndCaseInsensitiveNames()
    {
        var m = Parse("""
            INVITE sip:bob@example.com SIP/2.0
            v: SIP/2.0/TCP client.example.com:5060;branch=z9hG4bK74bf9
            f: Alice <sip:alice@example.com>;tag=9fxced76sl
            t: Bob <sip:bob@example.com>
            i: 3848276298220188511@example.com
            CSEQ: 1 INVITE
            m: <sip:alice@client.example.com;transport=tcp>
            c: application/sdp
            l: 0
            k: 100rel
            s: hello


            """);
        Assert.Equal("TCP", m.TopVia!.Transport);
        Assert.Equal("Alice", m.From!.DisplayName);
        Assert.Equal("sip:bob@example.com", m.To!.Uri);
        Assert.Equal("3848276298220188511@example.com", m.CallId);
        Assert.Equal(1, m.CSeq);
        Assert.Equal("sip:alice@client.example.com;transport=tcp", Assert.Single(m.Contacts).Uri);
        Assert.Equal("application/sdp", m.ContentType);
        Assert.Equal(0, m.ContentLength);
    }

    [Fact]
    public void FoldedHeaderLinesAreOneValue()
    {
        var m = Parse("""
            OPTIONS sip:carol@chicago.com SIP/2.0
            Via: SIP/2.0/UDP
             pc33.atlanta.com;branch=z9hG4bKhjhs8ass877
            Subject: I know you're there,
                     pick up the phone
            User-Agent: Softphone
            	Beta 2
            Call-ID: a84b4c76e66710
            CSeq: 63104 OPTIONS
            Content-Length: 0


            """);
        Assert.Equal("pc33.atlanta.com", m.TopVia!.Host);
        Assert.Equal("z9hG4bKhjhs8ass877", m.TopVia.Branch);
        Assert.Equal("Softphone Beta 2", m.UserAgent);
        Assert.Equal(63104, m.CSeq);
        Assert.Empty(m.Anomalies);
    }

    [Fact]
    public void ViaListsAndRepeatedViaHeadersKeepTheirOrder()
    {
        var m = Parse("""
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-top, SIP / 2.0 / UDP [2001:db8::9]:5070;branch=z9hG4bK-mid;rport=5070
            v: SIP/2.0/TLS [2001:db8::1];branch=z9hG4bK-bottom
            Call-ID: x
            CSeq: 1 INVITE
            Content-Length: 0


            """);
        Assert.Equal(["z9hG4bK-top", "z9hG4bK-mid", "z9hG4bK-bottom"], m.Vias.Select(v => v.Branch));
        Assert.Null(m.Vias[0].Port);
        Assert.Equal("[2001:db8::9]", m.Vias[1].Host);
        Assert.Equal(5070, m.Vias[1].Port);
        Assert.Equal(5070, m.Vias[1].Rport);
        Assert.Equal("[2001:db8::9]:5070", m.Vias[1].SentBy);
        Assert.Equal("TLS", m.Vias[2].Transport);
        Assert.Equal("[2001:db8::1]", m.Vias[2].Host);
        Assert.Null(m.Vias[2].Port);
    }

    [Fact]
    public void ContactListWithCommasInsideQuotesAndAngles()
    {
        var m = Parse("""
            SIP/2.0 200 OK
            Call-ID: x
            CSeq: 3 REGISTER
            Contact: "Smith, John" <sip:201@10.0.0.5;x=a,b>;expires=60, sip:201@10.0.0.6;expires=0
            Contact: <sip:201@[2001:db8::5]:5062>;q=0.5
            Expires: 120
            Content-Length: 0


            """);
        Assert.Equal(3, m.Contacts.Count);
        Assert.Equal("Smith, John", m.Contacts[0].DisplayName);
        Assert.Equal("sip:201@10.0.0.5;x=a,b", m.Contacts[0].Uri);
        Assert.Equal(60, m.Contacts[0].Expires);
        Assert.Equal("sip:201@10.0.0.6", m.Contacts[1].Uri);
        Assert.Equal(0, m.Contacts[1].Expires);
        Assert.Equal("sip:201@[2001:db8::5]:5062", m.Contacts[2].Uri);
        Assert.Null(m.Contacts[2].Expires);
        Assert.Equal(120, m.Expires);
        Assert.False(m.ContactWildcard);
    }

    [Fact]
    public void ContactStarRemovesAllBindings()
    {
        var m = Parse("""
            REGISTER sip:example.com SIP/2.0
            Call-ID: x
            CSeq: 9 REGISTER
            Contact: *
            Expires: 0


            """);
        Assert.True(m.ContactWildcard);
        Assert.Empty(m.Contacts);
        Assert.Equal(0, m.Expires);
    }

    [Fact]
    public void FromWithoutAnglesTakesParametersAsHeaderParameters()
    {
        var m = Parse("""
            BYE sip:a@b SIP/2.0
            From: sip:201@pbx.example.com;tag=887s
            To: Bob Jones <sip:bob@b>;tag=8321234356
            Call-ID: x
            CSeq: 2 BYE


            """);
        Assert.Equal("sip:201@pbx.example.com", m.From!.Uri);
        Assert.Null(m.From.DisplayName);
        Assert.Equal("887s", m.From.Tag);
        Assert.Equal("Bob Jones", m.To!.DisplayName);
        Assert.Equal("8321234356", m.To.Tag);
    }

    [Fact]
    public void DigestChallenges()
    {
        var m = Parse("""
            SIP/2.0 407 Proxy Authentication Required
            Call-ID: x
            CSeq: 1 INVITE
            WWW-Authenticate: Digest realm="pbx.example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", opaque="", stale=TRUE, algorithm=MD5, qop="auth,auth-int"
            Proxy-Authenticate: Digest realm="proxy, the first",
              nonce="b2",algorithm=MD5
            Content-Length: 0


            """);
        Assert.Equal(2, m.Challenges.Count);
        var www = m.Challenges[0];
        Assert.False(www.IsProxy);
        Assert.Equal("Digest", www.Scheme);
        Assert.Equal("pbx.example.com", www.Realm);
        Assert.Equal("ea9c8e88df84f1cec4341ae6cbe5a359", www.Nonce);
        Assert.Equal("", www.Opaque);
        Assert.True(www.Stale);
        Assert.Equal("MD5", www.Algorithm);
        Assert.Equal("auth,auth-int", www.Qop);
        var proxy = m.Challenges[1];
        Assert.True(proxy.IsProxy);
        Assert.Equal("proxy, the first", proxy.Realm);
        Assert.Equal("b2", proxy.Nonce);
        Assert.False(proxy.Stale);
    }

    [Fact]
    public void DigestCredentials()
    {
        var m = Parse("""
            REGISTER sip:pbx.example.com SIP/2.0
            Call-ID: x
            CSeq: 2 REGISTER
            Authorization: Digest username="201", realm="pbx.example.com", nonce="ea9c", uri="sip:pbx.example.com", response="dfe56131d1958046689d83306477ecc", algorithm=MD5, qop=auth, nc=00000001, cnonce="0a4f113b", opaque="5ccc"
            Proxy-Authorization: Digest username="proxyuser",realm="proxy",nonce="n",uri="sip:x",response="r"
            Content-Length: 0


            """);
        Assert.Equal(2, m.Credentials.Count);
        var c = m.Credentials[0];
        Assert.False(c.IsProxy);
        Assert.Equal("201", c.Username);
        Assert.Equal("pbx.example.com", c.Realm);
        Assert.Equal("ea9c", c.Nonce);
        Assert.Equal("sip:pbx.example.com", c.Uri);
        Assert.Equal("dfe56131d1958046689d83306477ecc", c.Response);
        Assert.Equal("MD5", c.Algorithm);
        Assert.Equal("auth", c.Qop);
        Assert.Equal("00000001", c.NonceCount);
        Assert.Equal("0a4f113b", c.CNonce);
        Assert.Equal("5ccc", c.Opaque);
        Assert.True(m.Credentials[1].IsProxy);
        Assert.Equal("proxyuser", m.Credentials[1].Username);
    }

    [Fact]
    public void BodyByContentLengthWithSdp()
    {
        const string sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        var m = Parse($"INVITE sip:b@x SIP/2.0\nCall-ID: x\nCSeq: 1 INVITE\nContent-Type: Application/SDP\nContent-Length: {sdp.Length}\n\n" + sdp.ReplaceLineEndings("\n") + "trailing junk");
        Assert.Equal(sdp.Length, m.Body.Length);
        Assert.Equal("10.0.0.1", m.Sdp!.ConnectionAddress);
        Assert.Equal(4000, Assert.Single(m.Sdp.Media).Port);
        Assert.Empty(m.Anomalies);
    }

    [Fact]
    public void ContentLengthLargerThanTheDataIsAnAnomalyAndTheBodyIsWhatIsThere()
    {
        var m = Parse("""
            MESSAGE sip:b@x SIP/2.0
            Call-ID: x
            CSeq: 1 MESSAGE
            Content-Type: text/plain
            Content-Length: 500

            hello
            """);
        Assert.Contains(SipAnomaly.ContentLengthMismatch, m.Anomalies);
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(m.Body));
        Assert.Equal(500, m.ContentLength);
    }

    [Fact]
    public void WithoutContentLengthADatagramBodyRunsToTheEnd()
    {
        var m = Parse("MESSAGE sip:b@x SIP/2.0\nCall-ID: x\nCSeq: 1 MESSAGE\n\nhello there");
        Assert.Null(m.ContentLength);
        Assert.Equal("hello there", System.Text.Encoding.ASCII.GetString(m.Body));
    }

    [Fact]
    public void BadNumbersAreAnomaliesNotExceptions()
    {
        var m = Parse("""
            OPTIONS sip:b@x SIP/2.0
            Call-ID: x
            CSeq: many OPTIONS
            Content-Length: -4
            Max-Forwards: 99999999999999999999
            Call-ID: again
            this line has no colon


            """);
        Assert.Equal(-1, m.CSeq);
        Assert.Equal("OPTIONS", m.CSeqMethod);
        Assert.Null(m.ContentLength);
        Assert.Null(m.MaxForwards);
        Assert.Equal("x", m.CallId);
        Assert.Contains(SipAnomaly.BadCSeq, m.Anomalies);
        Assert.Contains(SipAnomaly.BadContentLength, m.Anomalies);
        Assert.Contains(SipAnomaly.BadNumber, m.Anomalies);
        Assert.Contains(SipAnomaly.DuplicateHeader, m.Anomalies);
        Assert.Contains(SipAnomaly.MalformedHeader, m.Anomalies);
    }

    [Fact]
    public void MultipartBodyYieldsItsSdpPart()
    {
        var m = Parse("""
            INVITE sip:b@x SIP/2.0
            Call-ID: x
            CSeq: 1 INVITE
            Content-Type: multipart/mixed;boundary="unique-boundary-1"

            --unique-boundary-1
            Content-Type: application/isup;version=itu-t92+

            binary isup here
            --unique-boundary-1
            Content-Type: application/sdp

            v=0
            o=- 1 1 IN IP6 2001:db8::1
            s=-
            c=IN IP6 2001:db8::1
            t=0 0
            m=audio 49170 RTP/AVP 8
            --unique-boundary-1--

            """);
        Assert.NotNull(m.Sdp);
        Assert.Equal("2001:db8::1", m.Sdp!.ConnectionAddress);
        Assert.Equal<int>([8], Assert.Single(m.Sdp.Media).PayloadTypes);
    }

    [Fact]
    public void LeadingCrlfIsIgnored()
    {
        var m = Parse("\n\nOPTIONS sip:x SIP/2.0\nCall-ID: y\nCSeq: 1 OPTIONS\n\n");
        Assert.Equal("OPTIONS", m.Method);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n")]
    [InlineData("\r\n\r\n")]
    [InlineData("\r\n")]
    [InlineData("")]
    [InlineData("SIP/2.0 99 Too Low\r\n\r\n")]
    [InlineData("SIP/2.0 2000 OK\r\n\r\n")]
    [InlineData("INVITE  sip:x SIP/2.0\r\n\r\n")]
    [InlineData("INVITE sip:x SIP/3.0\r\n\r\n")]
    public void NotSip(string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Assert.False(SipParser.TryParse(bytes, out var message));
        Assert.Null(message);
        Assert.False(SipDetector.LooksLikeSip(bytes));
    }
}
