using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>The parser's string cache hands out one string for repeated values, and never a wrong one.</summary>
public class SipTextCacheTests
{
    [Fact]
    public void RepeatedValuesAreOneStringFromTheirThirdCopyAndDifferentValuesStayApart()
    {
        var cache = new SipText.StringCache();
        var first = SipText.ToText("Grandstream GXP2170 1.0.11.3"u8, cache);
        var second = SipText.ToText("  Grandstream GXP2170 1.0.11.3 "u8, cache);
        var third = SipText.ToText("Grandstream GXP2170 1.0.11.3"u8, cache);
        var fourth = SipText.ToText("Grandstream GXP2170 1.0.11.3"u8, cache);
        var other = SipText.ToText("Grandstream GXP2170 1.0.11.4"u8, cache);

        Assert.Equal("Grandstream GXP2170 1.0.11.3", first);
        Assert.Equal(first, second);
        Assert.NotSame(second, third);
        Assert.Same(third, fourth);
        Assert.Equal("Grandstream GXP2170 1.0.11.4", other);
    }

    [Fact]
    public void AValueSeenOnceIsNotKept()
    {
        // The first copies of a value are strings of their own: a flood's Call-IDs and branches, each new, never
        // enter the cache, so the strings of the long-lived table never hold them. A request and its response
        // (two copies) pass too; the third copy is kept.
        var cache = new SipText.StringCache();
        var branch = "z9hG4bK-seen-once-7f3a"u8;
        var first = SipText.ToText(branch, cache);
        var second = SipText.ToText(branch, cache);
        var third = SipText.ToText(branch, cache);
        Assert.Equal("z9hG4bK-seen-once-7f3a", first);
        Assert.NotSame(first, second);
        Assert.NotSame(second, third);
        Assert.Same(third, SipText.ToText(branch, cache));
    }

    [Fact]
    public void KeptValuesStayWhileValuesSeenOnceComeThroughTheirSet()
    {
        // A REGISTER scan's own values: the method and the User-Agent repeat in every message, while each message
        // brings a new Call-ID, branch and tag. Those new values, however many land in the set, never push the
        // kept strings out (pushed out, the method's and the User-Agent's next copies were new strings again).
        var cache = new SipText.StringCache();
        byte[] method = "REGISTER"u8.ToArray(), agent = "friendly-scanner"u8.ToArray();
        string keptMethod = Kept(method, cache);
        string keptAgent = Kept(agent, cache);

        int[] sets = [SipText.CacheSetOf(method), SipText.CacheSetOf(agent)];
        int landed = 0;
        for (int i = 0; landed < 200; i++)
        {
            byte[] callId = Encoding.ASCII.GetBytes($"{i:x8}-scan-call-id");
            if (Array.IndexOf(sets, SipText.CacheSetOf(callId)) < 0) continue;
            landed++;
            Assert.Equal($"{i:x8}-scan-call-id", SipText.ToText(callId, cache));
        }

        Assert.Same(keptMethod, SipText.ToText(method, cache));
        Assert.Same(keptAgent, SipText.ToText(agent, cache));
    }

    [Fact]
    public void TwoRepeatedValuesOfOneSetAreBothKept()
    {
        var cache = new SipText.StringCache();
        byte[] aor = "sip:100@10.10.0.10"u8.ToArray();
        byte[] other = Colliding(aor, i => $"sip:{i}@pbx.example.com");
        string keptAor = Kept(aor, cache);
        string keptOther = Kept(other, cache);

        for (int round = 0; round < 10; round++)
        {
            Assert.Same(keptAor, SipText.ToText(aor, cache));
            Assert.Same(keptOther, SipText.ToText(other, cache));
        }
    }

    [Fact]
    public void ARepeatedNewcomerTakesTheSlotWhoseStringHasFewerHitsOnceTheyAreSpent()
    {
        var cache = new SipText.StringCache();
        byte[] often = "INVITE"u8.ToArray();
        byte[] seldom = Colliding(often, i => $"sip:{i}@seldom.example.com");
        byte[] newcomer = Colliding(often, i => $"sip:{i}@newcomer.example.com");
        string keptOften = Kept(often, cache);
        Kept(seldom, cache); // kept, no hit yet
        for (int i = 0; i < 5; i++) Assert.Same(keptOften, SipText.ToText(often, cache)); // hits in hand

        string keptNewcomer = Kept(newcomer, cache); // takes the slot of the value without hits
        Assert.Same(keptNewcomer, SipText.ToText(newcomer, cache));
        Assert.Same(keptOften, SipText.ToText(often, cache));
        Assert.Equal("INVITE", keptOften);
    }

    // The value's string once the cache keeps it: three copies (the filter's first sight, its first pass, the second).
    private static string Kept(byte[] value, SipText.StringCache cache)
    {
        SipText.ToText(value, cache);
        SipText.ToText(value, cache);
        return SipText.ToText(value, cache);
    }

    // A value of the given form that the cache keeps in the same set of slots as another.
    private static byte[] Colliding(byte[] value, Func<int, string> form)
    {
        int set = SipText.CacheSetOf(value);
        for (int i = 0; ; i++)
        {
            byte[] candidate = Encoding.ASCII.GetBytes(form(i));
            if (SipText.CacheSetOf(candidate) == set) return candidate;
        }
    }

    [Fact]
    public void EveryValueReadsBackExactlyWhateverCollidesInTheCache()
    {
        // 20 000 distinct values through the 8 192-slot cache, twice: every set meets many of them.
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
