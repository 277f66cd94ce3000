using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>The head of a SIP message read from its first bytes, as the first IP fragment of a large message holds them.</summary>
public class SipHeadTests
{
    private const string Invite =
        "INVITE sip:8000@192.168.0.10 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK-1;rport\r\n" +
        "From: <sip:1001@192.168.0.10>;tag=77inv1\r\n" +
        "To: <sip:8000@192.168.0.10>\r\n" +
        "Call-ID: call-1-10005@192.168.1.20\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 300\r\n\r\n" +
        "v=0\r\no=1001 1 1 IN IP4 192.168.1.20\r\n";

    [Fact]
    public void A_request_cut_in_its_body_is_named_by_its_start_line_call_id_and_cseq()
    {
        var head = SipHead.TryRead(Encoding.ASCII.GetBytes(Invite));
        Assert.NotNull(head);
        Assert.Equal("INVITE sip:8000@192.168.0.10 SIP/2.0", head.StartLine);
        Assert.Equal("INVITE", head.Method);
        Assert.True(head.IsRequest);
        Assert.Equal("call-1-10005@192.168.1.20", head.CallId);
        Assert.Equal(1, head.CSeq);
        Assert.Equal("INVITE", head.CSeqMethod);
    }

    [Fact]
    public void A_header_cut_off_by_the_end_of_the_bytes_is_left_out()
    {
        // Cut inside the Call-ID value: what is there of it may not be all of it.
        int cut = Invite.IndexOf("10005", StringComparison.Ordinal);
        var head = SipHead.TryRead(Encoding.ASCII.GetBytes(Invite[..cut]));
        Assert.NotNull(head);
        Assert.Null(head.CallId);
        Assert.Equal(-1, head.CSeq);
        Assert.Equal("INVITE", head.Method);
    }

    [Fact]
    public void A_response_gives_its_status_and_the_method_of_its_cseq()
    {
        var head = SipHead.TryRead("SIP/2.0 200 OK\r\nCall-ID: abc\r\nCSeq: 7 INVITE\r\nContent-Type: application/sdp\r\n"u8);
        Assert.NotNull(head);
        Assert.False(head.IsRequest);
        Assert.Equal(200, head.StatusCode);
        Assert.Equal("SIP/2.0 200 OK", head.StartLine);
        Assert.Equal(7, head.CSeq);
        Assert.Equal("INVITE", head.CSeqMethod);
        // The compact form of Call-ID.
        Assert.Equal("xyz", SipHead.TryRead("SIP/2.0 180 Ringing\r\ni: xyz\r\nCSeq: 1 INVITE\r\n"u8)!.CallId);
    }

    [Fact]
    public void Bytes_without_a_whole_start_line_are_no_head()
    {
        Assert.Null(SipHead.TryRead(ReadOnlySpan<byte>.Empty));
        Assert.Null(SipHead.TryRead("INVITE sip:8000@192.168.0.10 SIP/2"u8));
        Assert.Null(SipHead.TryRead("GET / HTTP/1.1\r\nHost: x\r\n"u8));
        Assert.Null(SipHead.TryRead([0x80, 0x08, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1]));
    }

    [Fact]
    public void Every_cut_of_a_message_reads_without_throwing_and_never_invents_a_value()
    {
        var bytes = Encoding.ASCII.GetBytes(Invite);
        int callIdEnd = Invite.IndexOf("\r\nCSeq", StringComparison.Ordinal);
        for (int n = 0; n <= bytes.Length; n++)
        {
            var head = SipHead.TryRead(bytes.AsSpan(0, n));
            if (head is null) continue;
            Assert.Equal("INVITE", head.Method);
            // A Call-ID is read only once its whole line (up to its line end) is in the bytes.
            if (head.CallId is not null) Assert.True(n > callIdEnd, $"Call-ID read from {n} bytes");
            Assert.True(head.CallId is null || head.CallId == "call-1-10005@192.168.1.20");
        }
    }

    [Fact]
    public void A_long_start_line_is_kept_to_its_first_characters()
    {
        string uri = "sip:" + new string('a', 500) + "@example.com";
        var head = SipHead.TryRead(Encoding.ASCII.GetBytes($"OPTIONS {uri} SIP/2.0\r\nCall-ID: 1\r\n"));
        Assert.NotNull(head);
        Assert.Equal(SipHead.MaxStartLineChars, head.StartLine.Length);
        Assert.Equal("1", head.CallId);
    }
}
