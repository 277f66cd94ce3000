using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>
/// The parser's byte helpers against plain models of what they must do, over random values built from the
/// bytes that matter (white space of every kind, non-ASCII, separators) at every length around the 16-byte
/// blocks the fast paths read: collapsing and decoding (ToText), the header section's end (FindHeaderEnd)
/// and case-insensitive header names.
/// </summary>
public class SipTextModelTests
{
    private static readonly byte[] Alphabet = [(byte)'a', (byte)'Z', (byte)'0', (byte)' ', (byte)' ', (byte)'\t', (byte)'\r',
        (byte)'\n', (byte)';', (byte)'"', 0xC3, 0xA9, 0xFC];

    [Fact]
    public void ToTextTrimsCollapsesWhiteSpaceAndDecodesUtf8AsTheModelDoes()
    {
        var random = new Random(20261204);
        for (int i = 0; i < 60_000; i++)
        {
            var value = new byte[random.Next(0, 90)];
            // Mostly plain letters, so that long runs without anything to collapse reach the block loop.
            for (int j = 0; j < value.Length; j++)
                value[j] = random.Next(4) == 0 ? Alphabet[random.Next(Alphabet.Length)] : (byte)('a' + random.Next(26));
            Assert.Equal(ModelText(value), SipText.ToText(value));
        }
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\t")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b")]
    [InlineData("aaaaaaaaaaaaaaa  bbbbbbbbbbbbbbbbbbbbbbb")]
    [InlineData("aaaaaaaaaaaaaaaa\r\n bbbbbbbbbbbbbbbbbbbbbbb")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c d e")]
    [InlineData("aaaaaaa  bbbbbbb")]
    [InlineData("aaaaaa  bbbbbbb")]
    [InlineData("aaaaaaa bbbbbbbb")]
    [InlineData("aaaaaaa\tb")]
    [InlineData("a  bbbbb")]
    public void WhiteSpaceAtABlockEdgeIsCollapsed(string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        Assert.Equal(ModelText(bytes), SipText.ToText(bytes));
    }

    [Fact]
    public void NonAsciiInTheLastByteOfALongValueIsDecoded()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', 30) + "é");
        Assert.Equal(new string('a', 30) + "é", SipText.ToText(bytes));
    }

    [Fact]
    public void TheHeaderEndIsTheFirstLineEndFollowedByAnEmptyLine()
    {
        var random = new Random(7);
        byte[] alphabet = [(byte)'\r', (byte)'\n', (byte)'x', (byte)':'];
        for (int i = 0; i < 40_000; i++)
        {
            var message = new byte[random.Next(0, 40)];
            for (int j = 0; j < message.Length; j++) message[j] = alphabet[random.Next(alphabet.Length)];
            Assert.Equal(ModelHeaderEnd(message), SipFraming.FindHeaderEnd(message));
        }
    }

    [Theory]
    [InlineData("Call-ID", true)]
    [InlineData("CALL-ID", true)]
    [InlineData("call-id", true)]
    [InlineData("Call\rID", false)]
    [InlineData("Call_ID", false)]
    [InlineData("Content-Length", true)]
    [InlineData("cONTENT-lENGTH", true)]
    [InlineData("Content\rLength", false)]
    [InlineData("Content-Lengtx", false)]
    [InlineData("Proxy-Authorization", true)]
    [InlineData("Proxy-Authorizatioo", false)]
    [InlineData("Vi@", false)]
    public void HeaderNamesMatchInEitherCaseAndNothingElse(string name, bool known)
    {
        var header = SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name));
        Assert.Equal(known, header != SipHeader.Other);
    }

    [Fact]
    public void AHeaderNameWithAnyByteChangedMatchesOnlyWhereTheBytesMatchIgnoringCase()
    {
        // Every byte value at every place of every name the parser knows, against a case-insensitive compare.
        string[] names = ["to", "via", "from", "cseq", "server", "call-id", "contact", "expires", "user-agent", "content-type",
            "max-forwards", "authorization", "content-length", "www-authenticate", "proxy-authenticate", "proxy-authorization"];
        foreach (var name in names)
        {
            var expected = SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name));
            Assert.NotEqual(SipHeader.Other, expected);
            var bytes = Encoding.ASCII.GetBytes(name);
            for (int at = 0; at < bytes.Length; at++)
            {
                byte original = bytes[at];
                for (int b = 0; b < 256; b++)
                {
                    bytes[at] = (byte)b;
                    bool same = Ascii.EqualsIgnoreCase(bytes, Encoding.ASCII.GetBytes(name));
                    Assert.Equal(same, SipHeaderNames.Lookup(bytes) == expected);
                }
                bytes[at] = original;
            }
        }
    }

    // Trim, collapse each run of SP/HT/CR/LF to one space, decode as UTF-8.
    private static string ModelText(byte[] value)
    {
        var text = new List<byte>();
        bool space = false;
        foreach (byte b in value)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                space = true;
                continue;
            }
            if (space && text.Count > 0) text.Add((byte)' ');
            space = false;
            text.Add(b);
        }
        return Encoding.UTF8.GetString(text.ToArray());
    }

    // The first LF followed by LF, or by CR LF; the length up to and including that empty line.
    private static int ModelHeaderEnd(byte[] m)
    {
        for (int i = 0; i < m.Length; i++)
        {
            if (m[i] != (byte)'\n') continue;
            if (i + 1 < m.Length && m[i + 1] == (byte)'\n') return i + 2;
            if (i + 2 < m.Length && m[i + 1] == (byte)'\r' && m[i + 2] == (byte)'\n') return i + 3;
        }
        return -1;
    }

    [Fact]
    public void TokenCharactersAreLettersDigitsAndTheTenMarksOfRfc3261AndNoOtherByte()
    {
        // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").
        for (int b = 0; b < 256; b++)
        {
            bool expected = b < 128 && (char.IsAsciiLetterOrDigit((char)b) || "-.!%*_+`'~".Contains((char)b));
            Assert.True(expected == SipText.IsTokenChar((byte)b), $"byte {b}");
        }
    }
}
