using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>
/// The parser finds the end of the header section in its one walk over the header lines
/// (<see cref="SipHeaderReader.ToEmptyLine"/>); the TCP framer finds it with <see cref="SipFraming.FindHeaderEnd(ReadOnlySpan{byte})"/>.
/// Both must put it at the same byte, and the walk must give the same headers as reading the section once its end is
/// known — for any mix of CR, LF, folding and stray bytes, so random messages made of those pieces are compared.
/// </summary>
public class SipHeaderSectionTests
{
    private static readonly string[] Pieces =
        ["\r\n", "\n", "\r", " ", "\t", "A: 1", "Via: x", "B:", ":", "x", "\r\n\r\n", "\n\n", "\r\r\n", "\n \r\n"];

    [Fact]
    public void The_walk_ends_where_the_framer_does_and_reads_the_same_headers()
    {
        var random = new Random(11);
        int terminated = 0;
        for (int i = 0; i < 50_000; i++)
        {
            var text = new StringBuilder("INVITE sip:a@b SIP/2.0\r\n");
            int n = random.Next(16);
            for (int j = 0; j < n; j++) text.Append(Pieces[random.Next(Pieces.Length)]);
            byte[] data = Encoding.ASCII.GetBytes(text.ToString());
            int startLength = SipStartLine.Read(data).Length;

            var walk = SipHeaderReader.ToEmptyLine(data.AsSpan(startLength));
            var walked = Headers(ref walk);
            int expected = SipFraming.FindHeaderEnd(data);
            Assert.Equal(expected, walk.SectionEnd < 0 ? -1 : startLength + walk.SectionEnd);
            if (expected >= 0) terminated++;

            // What the parser read before: the section up to its end (or the whole rest), line ends trimmed off.
            var section = data.AsSpan(startLength, (expected < 0 ? data.Length : expected) - startLength);
            while (!section.IsEmpty && section[^1] is (byte)'\r' or (byte)'\n') section = section[..^1];
            var block = new SipHeaderReader(section);
            Assert.Equal(Headers(ref block), walked);
        }
        Assert.InRange(terminated, 5_000, 45_000);
    }

    [Fact]
    public void Every_line_names_its_header_as_the_colon_and_trim_rule_says()
    {
        // Lines of name bytes, white space (folding's CR and LF among it) and colons at every place, short and past the
        // bytes the reader looks at one by one, against the rule itself: the name is what comes before the first colon,
        // trimmed, and a line without one or with an empty or spaced name is no header (its whole line the value).
        string[] pieces = ["a", "Via", "Content-Length", "x-", ":", " ", "\t", "\r\n ", "\r", "\n\t", "1", "::", new string('n', 20)];
        var random = new Random(27);
        for (int i = 0; i < 100_000; i++)
        {
            var text = new StringBuilder();
            int n = 1 + random.Next(8);
            for (int j = 0; j < n; j++) text.Append(pieces[random.Next(pieces.Length)]);
            if (text[0] is ' ' or '\t' or '\r' or '\n') text.Insert(0, 'h'); // a line starting with white space folds
            byte[] line = Encoding.ASCII.GetBytes(text.ToString().Replace("\r\n", "\r\n ").Replace("\n", "\n "));
            // Folding only: no line end of the block is followed by anything but white space.
            var reader = new SipHeaderReader(line);
            Assert.True(reader.MoveNext());
            int colon = Array.IndexOf(line, (byte)':');
            var name = colon > 0 ? SipText.Trim(line.AsSpan(0, colon)) : default;
            bool malformed = name.IsEmpty || SipText.ContainsLws(name);
            Assert.Equal(malformed, reader.IsMalformed);
            Assert.Equal(malformed ? "" : Encoding.ASCII.GetString(name), Encoding.ASCII.GetString(reader.Name));
            Assert.Equal(Encoding.ASCII.GetString(malformed ? line : line.AsSpan(colon + 1)), Encoding.ASCII.GetString(reader.Value));
        }
    }

    // Each header as "name=value" with the value's white space (CR and LF included) trimmed, as every value reader does.
    private static List<string> Headers(ref SipHeaderReader reader)
    {
        var headers = new List<string>();
        while (reader.MoveNext())
            headers.Add(reader.IsMalformed ? "!" + Encoding.ASCII.GetString(SipText.Trim(reader.Value))
                : Encoding.ASCII.GetString(reader.Name) + "=" + Encoding.ASCII.GetString(SipText.Trim(reader.Value)));
        return headers;
    }
}
