using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// Streams of real SIP messages, damaged and cut into random segments: the framer never throws, never
/// holds more than its limit, and an undamaged stream comes out message for message however it is cut.
/// </summary>
public class SipStreamFramerMutationTests
{
    private static readonly List<byte[]> Seeds = SipMutations.Seeds("wireshark-wiki/aaa.pcap", "wireshark-wiki/sip-rtp-g711.pcap");

    /// <summary>Keeps each framed message and runs the parser on it too.</summary>
    private sealed class Collector : ISipMessageSink
    {
        public readonly List<byte[]> Messages = new();

        public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message)
        {
            Messages.Add(message.ToArray());
            SipParser.TryParse(message, out _);
        }
    }

    [Fact]
    public void DamagedStreamsNeverThrowNorGrowTheBuffer()
    {
        var limits = new TcpReassemblyLimits { MaxMessageBytes = 16 * 1024, MaxHuntBytes = 1 << 30 };
        var random = new Random(5060);
        var sink = new Collector();
        for (int stream = 0; stream < 200; stream++)
        {
            var framer = new SipStreamFramer(limits, new TcpReassemblyCounters());
            var bytes = new List<byte>();
            for (int n = 0; n < 30; n++)
            {
                var seed = Seeds[random.Next(Seeds.Count)];
                bytes.AddRange(random.Next(3) == 0 ? SipMutations.Mutate(seed, random) : WithContentLength(seed));
            }
            Feed(framer, bytes.ToArray(), random, limits, sink);
            framer.Close();
        }
        Assert.True(sink.Messages.Count > 200 * 20, $"only {sink.Messages.Count} messages framed");
    }

    [Fact]
    public void AnyCutOfAnUndamagedStreamGivesTheSameMessages()
    {
        var seeds = Seeds.Take(50).Select(WithContentLength).ToList();
        var stream = seeds.SelectMany(s => s).ToArray();
        var limits = new TcpReassemblyLimits();
        var random = new Random(3);
        for (int round = 0; round < 30; round++)
        {
            var sink = new Collector();
            var framer = new SipStreamFramer(limits, new TcpReassemblyCounters());
            Feed(framer, stream, random, limits, sink);
            Assert.Equal(seeds.Count, sink.Messages.Count);
            for (int i = 0; i < seeds.Count; i++) Assert.Equal(seeds[i], sink.Messages[i]);
        }
    }

    private static void Feed(SipStreamFramer framer, byte[] stream, Random random, TcpReassemblyLimits limits, Collector sink)
    {
        var meta = new PacketMeta();
        for (int at = 0; at < stream.Length;)
        {
            int length = Math.Min(stream.Length - at, random.Next(3) == 0 ? random.Next(1, 8) : random.Next(1, 3000));
            framer.Append(stream.AsSpan(at, length), meta, sink);
            Assert.True(framer.BufferedBytes <= limits.MaxMessageBytes);
            at += length;
        }
    }

    /// <summary>UDP messages may omit Content-Length; on a stream they need the right one.</summary>
    private static byte[] WithContentLength(byte[] message)
    {
        Assert.True(SipParser.TryParse(message, out var parsed));
        int headerEnd = SipFraming.FindHeaderEnd(message);
        if (parsed!.ContentLength == message.Length - headerEnd) return message;
        var head = System.Text.Encoding.Latin1.GetString(message, 0, headerEnd).TrimEnd('\r', '\n');
        var lines = head.Split("\r\n").Where(l => !l.StartsWith("Content-Length", StringComparison.OrdinalIgnoreCase) && !l.StartsWith("l:"));
        var fixedHead = string.Join("\r\n", lines) + $"\r\nContent-Length: {message.Length - headerEnd}\r\n\r\n";
        return [.. System.Text.Encoding.Latin1.GetBytes(fixedHead), .. message.AsSpan(headerEnd)];
    }

    [Fact]
    public async Task ALimitBelowTheLongestStartLineStillMovesOn()
    {
        // Bytes without a line end fill a 2 KiB buffer that the 8 KiB start-line allowance would keep whole:
        // the framer must drop some of it instead of spinning on the full buffer (found by the tcp fuzz target).
        var counters = new TcpReassemblyCounters();
        var framer = new SipStreamFramer(new TcpReassemblyLimits { MaxMessageBytes = 2048 }, counters);
        var chunk = new byte[1500];
        Array.Fill(chunk, (byte)'x');
        var appended = Task.Run(() =>
        {
            for (int i = 0; i < 3; i++) framer.Append(chunk, default, new Collector());
        });
        await appended.WaitAsync(TimeSpan.FromSeconds(20)); // a TimeoutException when Append never returns
        Assert.True(counters.OversizeMessages > 0);
        Assert.InRange(framer.BufferedBytes, 1, 2048);
    }
}
