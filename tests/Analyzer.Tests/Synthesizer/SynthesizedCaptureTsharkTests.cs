using System.Globalization;
using System.Text.RegularExpressions;
using PcapSipAnalyzer.Synthesizer.Truth;

namespace PcapSipAnalyzer.Analyzer.Tests.Synthesizer;

/// <summary>
/// The synthesizer's ground truth is only worth something if an independent reader agrees with it: tshark reads
/// the files without complaint, verifies every checksum, and its sip,stat and rtp,streams counts equal the truth.
/// </summary>
public sealed partial class SynthesizedCaptureTsharkTests(SynthesizedCapture capture) : IClassFixture<SynthesizedCapture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tshark_reads_every_frame_with_no_malformed_packet_and_no_bad_checksum(bool pcapng)
    {
        var (file, truth) = Select(pcapng);
        var (exit, output, errors) = TsharkProcess.Run("tshark", "-r", file,
            "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
            "-T", "fields", "-e", "frame.number", "-e", "ip.checksum.status", "-e", "udp.checksum.status",
            "-e", "tcp.checksum.status", "-e", "_ws.malformed", "-e", "icmp.type");

        Assert.Equal(0, exit);
        Assert.Equal("", TsharkProcess.Complaints(errors));
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(truth.Packets, rows.Length);
        int goodIp = 0;
        foreach (var row in rows)
        {
            var f = row.Split('\t');
            // Checksum status: 0 = bad, 1 = good, 2 = unverified. An ICMP error quotes a second IP header
            // (verified) and only 8 bytes of the UDP datagram, whose checksum cannot be verified.
            bool icmp = f[5].Length > 0;
            Assert.All(f[1].Split(','), status => Assert.True(status is "" or "1", row));
            Assert.True(f[2] is "" or "1" || (icmp && f[2] == "2"), row);
            Assert.True(f[3] is "" or "1", row);
            Assert.Equal("", f[4]);
            if (f[1].StartsWith('1')) goodIp++;
        }
        Assert.Equal(truth.Packets - truth.Traffic.Arp, goodIp);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sip_stat_counts_equal_the_truth(bool pcapng)
    {
        var (file, truth) = Select(pcapng);
        var (exit, output, _) = TsharkProcess.Run("tshark", "-r", file, "-q", "-z", "sip,stat");
        Assert.Equal(0, exit);

        Assert.Equal(truth.Sip.Messages, Number(output, "Number of SIP messages"));
        Assert.Equal(truth.Sip.Resent, Number(output, "Number of resent SIP messages"));
        var responses = StatusLine().Matches(output).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var requests = MethodLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(truth.Sip.Responses.OrderBy(p => p.Key), responses.OrderBy(p => p.Key));
        Assert.Equal(truth.Sip.Requests.OrderBy(p => p.Key, StringComparer.Ordinal), requests.OrderBy(p => p.Key, StringComparer.Ordinal));
        // The mix must exercise what it claims to: every registration outcome and retransmissions.
        Assert.Equal(5, truth.RegistrationOutcomes.Count);
        Assert.True(truth.Sip.Resent > 0);
        Assert.True(truth.Sip.Responses[403] > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rtp_streams_packets_and_losses_equal_the_truth(bool pcapng)
    {
        var (file, truth) = Select(pcapng);
        var (exit, output, _) = TsharkProcess.Run("tshark", "-r", file, "-q", "-z", "rtp,streams");
        Assert.Equal(0, exit);

        var seen = new Dictionary<string, (long Packets, long Lost, string Payload)>();
        foreach (Match m in StreamRow().Matches(output))
        {
            string key = $"{m.Groups["src"].Value}:{m.Groups["sport"].Value}>{m.Groups["dst"].Value}:{m.Groups["dport"].Value}/{Convert.ToUInt32(m.Groups["ssrc"].Value, 16)}";
            seen.Add(key, (long.Parse(m.Groups["pkts"].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups["lost"].Value, CultureInfo.InvariantCulture), m.Groups["pt"].Value));
        }
        Assert.NotEmpty(truth.RtpStreams);
        Assert.Contains(truth.RtpStreams, s => s.Lost > 0);
        Assert.Equal(truth.RtpStreams.Count, seen.Count);
        foreach (var stream in truth.RtpStreams)
        {
            string key = $"{stream.Source}:{stream.SourcePort}>{stream.Destination}:{stream.DestinationPort}/{stream.Ssrc}";
            Assert.True(seen.TryGetValue(key, out var row), $"tshark has no stream {key}");
            Assert.Equal((stream.Packets, stream.Lost), (row.Packets, row.Lost));
            Assert.Equal(stream.PayloadType == 0 ? "g711U" : "g711A", row.Payload);
            Assert.Equal(stream.Expected, stream.Packets + stream.Lost);
        }
    }

    private (string File, GroundTruth Truth) Select(bool pcapng) =>
        pcapng ? (capture.Pcapng, capture.PcapngTruth) : (capture.Pcap, capture.Truth);

    private static long Number(string output, string label)
    {
        var match = Regex.Match(output, Regex.Escape(label) + @":\s+(\d+)");
        Assert.True(match.Success, $"no '{label}' in tshark output");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\s+SIP (\d{3}) [^:]*:\s+(\d+) Packets", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^\s+([A-Z]+)\s+:\s+(\d+) Packets", RegexOptions.Multiline)]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"^\s*[\d.]+\s+[\d.]+\s+(?<src>[\d.]+)\s+(?<sport>\d+)\s+(?<dst>[\d.]+)\s+(?<dport>\d+)\s+0x(?<ssrc>[0-9A-Fa-f]+)\s+(?<pt>\S+)\s+(?<pkts>\d+)\s+(?<lost>-?\d+) \(", RegexOptions.Multiline)]
    private static partial Regex StreamRow();
}
