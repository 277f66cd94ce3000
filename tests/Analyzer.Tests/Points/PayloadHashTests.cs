using System.Text;
using PcapSipAnalyzer.Analyzer.Points;

namespace PcapSipAnalyzer.Analyzer.Tests.Points;

/// <summary>
/// The hash that recognises one SIP message at two capture points: the same bytes give the same hash, and any
/// change of a bit, anywhere (the sixteen-byte steps, the tail, a message shorter than one step), or of the length
/// alone, gives another.
/// </summary>
public class PayloadHashTests
{
    [Fact]
    public void The_same_bytes_hash_alike_wherever_they_are()
    {
        var message = Encoding.ASCII.GetBytes("REGISTER sip:pbx SIP/2.0\r\nCall-ID: abc\r\nContent-Length: 0\r\n\r\n");
        var copy = new byte[message.Length + 5];
        message.CopyTo(copy, 3);
        Assert.Equal(PayloadHash.Of(message), PayloadHash.Of(copy.AsSpan(3, message.Length)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(403)]
    public void Every_bit_of_every_byte_counts(int length)
    {
        var message = new byte[length];
        new Random(length).NextBytes(message);
        var seen = new HashSet<ulong> { PayloadHash.Of(message) };
        for (int i = 0; i < length; i++)
            for (int bit = 0; bit < 8; bit++)
            {
                message[i] ^= (byte)(1 << bit);
                Assert.True(seen.Add(PayloadHash.Of(message)), $"flipping bit {bit} of byte {i} of {length} gave a hash seen before");
                message[i] ^= (byte)(1 << bit);
            }
        Assert.DoesNotContain(0UL, seen);
    }

    [Fact]
    public void Trailing_zero_bytes_change_the_hash()
    {
        var seen = new HashSet<ulong>();
        for (int length = 0; length <= 40; length++) Assert.True(seen.Add(PayloadHash.Of(new byte[length])));
    }
}
