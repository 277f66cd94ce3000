using System.Text.Json;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Protocols.Tests.Sip.SipWire;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>
/// The analysis parses into pooled messages (cleared between uses) and without copying bodies: a message parsed
/// into a used one must read exactly as one parsed fresh, whatever the earlier message left in it.
/// </summary>
public class SipMessageReuseTests
{
    // Everything a message can hold: two Vias, two Contacts, credentials, SDP, a repeated header (an anomaly).
    private const string Rich = """
        INVITE sip:1000@pbx.example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-a;received=192.0.2.1;rport=5062
        Via: SIP/2.0/TCP 10.0.0.2:5070;branch=z9hG4bK-b
        Max-Forwards: 70
        From: "Alice" <sip:alice@example.com>;tag=f1
        To: "Bob" <sip:1000@pbx.example.com>;tag=t1
        To: <sip:other@example.com>
        Call-ID: rich@10.0.0.1
        CSeq: 7 INVITE
        Contact: <sip:alice@10.0.0.1:5060>;expires=60, <sip:alice@10.0.0.9>
        Expires: 120
        Authorization: Digest username="alice", realm="pbx", nonce="n1", uri="sip:1000@pbx.example.com", response="r1"
        User-Agent: phone/1.0
        Content-Type: application/sdp
        Content-Length: 103

        v=0
        o=- 1 1 IN IP4 10.0.0.1
        s=-
        c=IN IP4 10.0.0.1
        t=0 0
        m=audio 4000 RTP/AVP 0 8 101
        a=sendrecv

        """;

    private const string Challenge = """
        SIP/2.0 401 Unauthorized
        Via: SIP/2.0/UDP 10.0.0.3:5060;branch=z9hG4bK-c
        From: <sip:carol@example.com>;tag=f2
        To: <sip:carol@example.com>;tag=t2
        Call-ID: plain@10.0.0.3
        CSeq: 1 REGISTER
        WWW-Authenticate: Digest realm="pbx", nonce="n2", algorithm=MD5
        Server: pbx/2.0
        Content-Length: 0


        """;

    [Theory]
    [InlineData(Rich, Challenge)]
    [InlineData(Challenge, Rich)]
    [InlineData(Rich, Rich)]
    public void AClearedMessageParsesAsAFreshOne(string earlier, string later)
    {
        var reused = new SipMessage();
        Assert.True(SipParser.TryParse(Bytes(earlier), reused, out _));
        reused.Clear();
        Assert.True(SipParser.TryParse(Bytes(later), reused, out var parsed));
        Assert.Same(reused, parsed);
        Assert.True(SipParser.TryParse(Bytes(later), null, out var fresh));
        Assert.Equal(Json(fresh!), Json(parsed!));
    }

    [Fact]
    public void AClearedMessageIsAsNew() => Assert.Equal(Json(new SipMessage()), Json(Cleared(Rich)));

    [Fact]
    public void NotSipLeavesTheMessageUntouched()
    {
        var into = new SipMessage();
        Assert.False(SipParser.TryParse("not a SIP message"u8, into, out var message));
        Assert.Null(message);
        Assert.Equal(Json(new SipMessage()), Json(into));
    }

    [Fact]
    public void TheAnalysisParseReadsTheSdpWithoutCopyingTheBody()
    {
        Assert.True(SipParser.TryParse(Bytes(Rich), null, out var m));
        Assert.Empty(m!.Body);
        var media = Assert.Single(m.Sdp!.Media);
        Assert.Equal(4000, media.Port);
        Assert.Equal("10.0.0.1", m.Sdp.ConnectionAddress);
        Assert.Equal(103, Parse(Rich).Body.Length); // the plain parse still copies it
    }

    [Fact]
    public void FromAndToAreTheirPartsAndMadeWhenRead()
    {
        var m = Parse(Rich);
        Assert.Equal(("Alice", "sip:alice@example.com", "f1"), (m.FromDisplayName, m.FromUri, m.FromTag));
        Assert.Equal(("Bob", "sip:1000@pbx.example.com", "t1"), (m.ToDisplayName, m.ToUri, m.ToTag));
        Assert.Equal("t1", m.To!.Tag); // the first To is kept, the second one is an anomaly
        Assert.Contains(SipAnomaly.DuplicateHeader, m.Anomalies);
        Assert.Equal("alice", m.From!.User);

        m.To = null;
        Assert.Null(m.ToUri);
        Assert.Null(m.ToTag);
        Assert.Null(m.To);
    }

    private static SipMessage Cleared(string text)
    {
        var m = new SipMessage();
        Assert.True(SipParser.TryParse(Bytes(text), m, out _));
        m.Clear();
        return m;
    }

    // Every public property, lists and SDP included, as the test compares them.
    private static string Json(SipMessage m) => JsonSerializer.Serialize(m);
}
