using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// The report encoder's scan for plain ASCII against its rules alone (the relaxed encoder plus
/// <see cref="ControlCharacters"/>, as the encoder was before the scan; for UTF-8 the base class's walk over them):
/// the same JSON for any text.
/// </summary>
public class ReportJsonEncoderTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "sip:100@10.0.0.1", "z9hG4bK-1", "\"", "\\", "<", ">", "&", "'", "+", "`", "/", "~", "\n",
        "\r", "\t", "\0", "\u001b", "\u007f", "\u0080", "\u009b", "\u00a0", "é", "\u202a", "\u202e", "\u2066", "\u2069",
        "\u2028", "\u2029", "\ufeff", "語", "😀", "\ud800", "\udc00", "\uffff",
    ];

    [Fact]
    public void Any_text_gives_the_json_the_rules_alone_give()
    {
        var random = new Random(20261206);
        var fast = new JsonWriterOptions { Indented = true, Encoder = ReportJsonEncoder.Instance };
        var rules = new JsonWriterOptions { Indented = true, Encoder = RulesOnlyEncoder.Instance };
        for (int i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder();
            int pieces = random.Next(0, 40);
            // Mostly plain, as reports are; sometimes a run of anything.
            for (int p = 0; p < pieces; p++)
                text.Append(Pieces[random.Next(random.Next(4) == 0 ? Pieces.Length : 5)]);
            string value = text.ToString();
            Assert.Equal(Write(rules, value), Write(fast, value));

            byte[] utf8 = Encoding.UTF8.GetBytes(value);
            Assert.Equal(RulesOnlyEncoder.Instance.FindFirstCharacterToEncodeUtf8(utf8), ReportJsonEncoder.Instance.FindFirstCharacterToEncodeUtf8(utf8));
        }
    }

    // The value as a property name and as a value, from UTF-16 and from UTF-8.
    private static string Write(JsonWriterOptions options, string value)
    {
        var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            json.WriteString(value, value);
            json.WriteString("utf8", Encoding.UTF8.GetBytes(value));
            json.WriteString(Encoding.UTF8.GetBytes(value), "name");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The report encoder without its plain-ASCII scan.</summary>
    private sealed class RulesOnlyEncoder : JavaScriptEncoder
    {
        public static readonly RulesOnlyEncoder Instance = new();

        public override int MaxOutputCharactersPerInputCharacter => ReportJsonEncoder.Instance.MaxOutputCharactersPerInputCharacter;

        public override bool WillEncode(int unicodeScalar) => ReportJsonEncoder.Instance.WillEncode(unicodeScalar);

        public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
            ReportJsonEncoder.FindByRules(text, textLength);

        public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
            ReportJsonEncoder.Instance.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
    }
}
