using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>
/// The parser's memo of From, To, Via and Contact values gives back what parsing the bytes gives, shares a result
/// only between equal bytes, and keeps nothing for long values.
/// </summary>
public class SipValueMemoTests
{
    [Fact]
    public void AHitNeedsTheSameBytesNotOnlyTheSameHash()
    {
        var memo = new SipValueMemo<string>();
        // Same length, same first and last eight bytes: the memo's hash cannot tell them apart, its bytes can.
        var a = "<sip:1000@10.0.0.1>;tag=aaaa-1-zzzzzzzz"u8;
        var b = "<sip:1000@10.0.0.1>;tag=aaaa-2-zzzzzzzz"u8;
        Assert.Equal(SipText.HashOf(a), SipText.HashOf(b));

        Assert.False(memo.TryFind(a, out var slot, out _));
        memo.Store(slot, a, "a");
        Assert.True(memo.TryFind(a, out _, out var found));
        Assert.Equal("a", found);
        Assert.False(memo.TryFind(b, out var slotB, out _));
        Assert.Equal(slot.Index, slotB.Index);
        memo.Store(slotB, b, "b");
        Assert.False(memo.TryFind(a, out _, out _)); // the newest value took the slot
        Assert.True(memo.TryFind(b, out _, out found));
        Assert.Equal("b", found);
    }

    [Fact]
    public void EmptyAndLongValuesAreNeverKept()
    {
        var memo = new SipValueMemo<string>();
        Assert.False(memo.TryFind([], out var slot, out _));
        Assert.Equal(-1, slot.Index);
        var longValue = Encoding.ASCII.GetBytes(new string('x', SipValueMemo<string>.MaxBytes + 1));
        Assert.False(memo.TryFind(longValue, out slot, out _));
        memo.Store(slot, longValue, "long");
        Assert.False(memo.TryFind(longValue, out _, out _));
    }

    [Fact]
    public void FromAndToReadAsTheirBytesSayThroughEveryCollision()
    {
        // 5 000 distinct values through a 512-slot memo, three rounds, each against the reader without the memo.
        var random = new Random(20261206);
        var values = new List<byte[]>();
        for (int i = 0; i < 5_000; i++)
        {
            string display = random.Next(3) switch { 0 => "", 1 => $"\"Ext {i % 97}\" ", _ => $"Ext{i % 13} " };
            string uri = $"sip:{1000 + i % 400}@10.{i % 7}.0.{i % 250}";
            string tail = random.Next(4) switch { 0 => "", 1 => $";tag={i:x}", 2 => $";tag=\"q{i}\";x=1", _ => $";TAG={i % 50}" };
            string text = random.Next(3) == 0 ? $"{uri}{tail}" : $"{display}<{uri}>{tail}";
            values.Add(Encoding.ASCII.GetBytes(random.Next(5) == 0 ? $"  {text}  " : text));
        }
        for (int round = 0; round < 3; round++)
            foreach (var value in values)
            {
                SipNameAddressReader.ReadWithTag(value, null, out var display, out var uri, out var tag);
                SipNameAddressReader.Read(value, null, out var expectedDisplay, out var expectedUri, out var parameters);
                Assert.Equal(expectedDisplay, display);
                Assert.Equal(expectedUri, uri);
                Assert.Equal(SipParameters.GetText(parameters, "tag"u8), tag);
            }
    }

    [Fact]
    public void ViasAndContactsReadAsTheirBytesSayThroughEveryCollision()
    {
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < 3_000; i++)
            {
                string via = $"SIP/2.0/{(i % 3 == 0 ? "tcp" : "UDP")} 10.1.{i % 200}.{i % 7}:{5060 + i % 3};branch=z9hG4bK{i:x}{(i % 4 == 0 ? ";rport" : ";received=192.0.2.1")}";
                string contact = $"<sip:{i}@10.2.{i % 100}.1:5060>;expires={i % 3600}";
                var message = Parse($"SIP/2.0 200 OK\r\nVia: {via}\r\nContact: {contact}\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n\r\n");
                var expected = SipViaReader.Read(Encoding.ASCII.GetBytes(via), null)!;
                var top = message.TopVia!;
                Assert.Equal((expected.Transport, expected.Host, expected.Port, expected.Branch, expected.Received, expected.HasRport, expected.Rport),
                    (top.Transport, top.Host, top.Port, top.Branch, top.Received, top.HasRport, top.Rport));
                var bound = Assert.Single(message.Contacts);
                Assert.Equal($"sip:{i}@10.2.{i % 100}.1:5060", bound.Uri);
                Assert.Equal(i % 3600, bound.Expires);
            }
    }

    [Fact]
    public void AResponseSharesItsRequestsViaAndFromButNotAnotherCallsValues()
    {
        var request = Parse("REGISTER sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-memo-1\r\n"
            + "From: \"Alice\" <sip:alice@pbx>;tag=a1\r\nTo: <sip:alice@pbx>\r\nCall-ID: memo-1\r\nCSeq: 1 REGISTER\r\n"
            + "Contact: <sip:alice@10.0.0.5:5060>;expires=60\r\n\r\n");
        var response = Parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-memo-1\r\n"
            + "From: \"Alice\" <sip:alice@pbx>;tag=a1\r\nTo: <sip:alice@pbx>;tag=s1\r\nCall-ID: memo-1\r\nCSeq: 1 REGISTER\r\n"
            + "Contact: <sip:alice@10.0.0.5:5060>;expires=60\r\n\r\n");
        var other = Parse("REGISTER sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-memo-2\r\n"
            + "From: \"Alice\" <sip:alice@pbx>;tag=a2\r\nTo: <sip:alice@pbx>\r\nCall-ID: memo-2\r\nCSeq: 2 REGISTER\r\n"
            + "Contact: <sip:alice@10.0.0.5:5061>;expires=60\r\n\r\n");

        Assert.Same(request.TopVia, response.TopVia);
        Assert.Same(request.Contacts[0], response.Contacts[0]);
        Assert.Equal(("Alice", "sip:alice@pbx", "a1"), (response.FromDisplayName, response.FromUri, response.FromTag));
        Assert.Equal("s1", response.ToTag);
        Assert.Null(request.ToTag);

        Assert.NotSame(request.TopVia, other.TopVia);
        Assert.Equal("z9hG4bK-memo-2", other.TopVia!.Branch);
        Assert.Equal("a2", other.FromTag);
        Assert.Equal("sip:alice@10.0.0.5:5061", other.Contacts[0].Uri);
    }

    private static SipMessage Parse(string text)
    {
        Assert.True(SipParser.TryParse(Encoding.ASCII.GetBytes(text), out var message));
        return message!;
    }
}
