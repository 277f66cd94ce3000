using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>The parser's string cache hands out one string for repeated values, and never a wrong one.</summary>
public class SipTextCacheTests
{
    [Fact]
    public void RepeatedValuesAreOneStringFromTheirSecondCopyAndDifferentValuesStayApart()
    {
        var first = SipText.ToText("Grandstream GXP2170 1.0.11.3"u8);
        var second = SipText.ToText("  Grandstream GXP2170 1.0.11.3 "u8);
        var third = SipText.ToText("Grandstream GXP2170 1.0.11.3"u8);
        var other = SipText.ToText("Grandstream GXP2170 1.0.11.4"u8);

        Assert.Equal("Grandstream GXP2170 1.0.11.3", first);
        Assert.Equal(first, second);
        Assert.Same(second, third);
        Assert.Equal("Grandstream GXP2170 1.0.11.4", other);
    }

    [Fact]
    public void AValueSeenOnceIsNotKept()
    {
        // The first copy of a value is a string of its own: a flood's Call-IDs and branches, each new, never enter
        // the cache, so the strings of the long-lived table never hold them.
        var branch = "z9hG4bK-seen-once-7f3a"u8;
        var first = SipText.ToText(branch);
        var second = SipText.ToText(branch);
        Assert.Equal("z9hG4bK-seen-once-7f3a", first);
        Assert.NotSame(first, second);
        Assert.Same(second, SipText.ToText(branch));
    }

    [Fact]
    public void EveryValueReadsBackExactlyWhateverCollidesInTheCache()
    {
        // 20 000 distinct values through a 1 024-slot cache, twice: every slot is overwritten many times.
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < 20_000; i++)
            {
                string expected = $"z9hG4bK-{i}";
                Assert.Equal(expected, SipText.ToText(Encoding.ASCII.GetBytes(expected)));
            }
    }

    [Fact]
    public void NonAsciiIsDecodedAsUtf8NotTakenFromTheCache()
    {
        var utf8 = Encoding.UTF8.GetBytes("Jürgen Müller");
        Assert.Equal("Jürgen Müller", SipText.ToText(utf8));
        Assert.Equal("Jürgen Müller", SipText.ToText(utf8));
        // A Latin-1 byte that is not UTF-8 becomes U+FFFD, as before the cache.
        Assert.Equal("J\uFFFDrgen", SipText.ToText([(byte)'J', 0xFC, (byte)'r', (byte)'g', (byte)'e', (byte)'n']));
    }

    [Fact]
    public void ValuesLongerThanTheCachedLengthAreStillRight()
    {
        string nonce = new('n', 200);
        Assert.Equal(nonce, SipText.ToText(Encoding.ASCII.GetBytes(nonce)));
        Assert.NotSame(SipText.ToText(Encoding.ASCII.GetBytes(nonce)), SipText.ToText(Encoding.ASCII.GetBytes(nonce)));
    }
}
