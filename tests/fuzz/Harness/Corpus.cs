using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Rtp;

namespace PcapSipAnalyzer.Fuzz;

/// <summary>
/// Seeds a target's corpus from the committed fixtures: small capture files (cut to their first bytes) for
/// capture, frames for frame, and the SIP messages, SDP bodies and RTP/RTCP datagrams found in them for the
/// parser targets. AFL works best with few, small, different seeds, so each kind is capped and deduplicated.
/// </summary>
public static class Corpus
{
    private const int MaxCaptureSeedBytes = 16 << 10;
    private const int MaxSeeds = 60;

    public static void Make(string target, string fixturesDir, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var files = Directory.EnumerateFiles(fixturesDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal)
                && !f.Contains("fuzz-regressions", StringComparison.Ordinal))
            .OrderBy(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
        var seeds = target switch
        {
            "capture" => CaptureSeeds(files),
            "frame" => LinkSeeds.AddWrapped(Extract(files, Extracted.Frame)),
            "sip" => Extract(files, Extracted.Sip),
            "sdp" => Extract(files, Extracted.Sdp),
            "rtp" => Extract(files, Extracted.Rtp),
            "tcp" => Extract(files, Extracted.Tcp),
            "analysis" => AnalysisSeeds(fixturesDir),
            _ => throw new ArgumentException($"unknown fuzz target '{target}'"),
        };
        var seen = new HashSet<string>();
        int written = 0;
        foreach (var seed in seeds)
        {
            if (written == MaxSeeds)
                break;
            if (seed.Length == 0 || !seen.Add(Convert.ToHexString(SHA256.HashData(seed))))
                continue;
            File.WriteAllBytes(Path.Combine(outDir, $"seed-{written++:D3}"), seed);
        }
        Console.WriteLine($"{target}: {written} seeds in {outDir}");
    }

    private static IEnumerable<byte[]> CaptureSeeds(List<string> files)
    {
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            yield return bytes.Length <= MaxCaptureSeedBytes ? bytes : bytes[..MaxCaptureSeedBytes];
        }
        // A gzip seed made here, small enough to mutate: the smallest pcap and pcapng, compressed.
        foreach (var file in files.Where(f => f.EndsWith(".pcap", StringComparison.Ordinal)).Take(1)
                     .Concat(files.Where(f => f.EndsWith(".pcapng", StringComparison.Ordinal)).Take(1)))
        {
            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.SmallestSize, leaveOpen: true))
                gzip.Write(File.ReadAllBytes(file));
            yield return memory.ToArray();
        }
    }

    /// <summary>
    /// Whole captures for the analysis target, each under 20 KB and uncut (a cut file ends in a truncation warning
    /// before its calls complete): SIP over UDP and TCP, SDP with RTP, pcapng with several interfaces, a tunnel,
    /// IPv6, an ICMP redirect of the lab's wrong-gateway case, the TCP one captured with tcpdump -i any (Linux cooked
    /// v2: no destination MACs, the ARP the server sent), a REGISTER with a digest challenge; and the mixed
    /// capture and the attacks made here (<see cref="MixedCapture"/>, <see cref="AttackCapture"/>).
    /// </summary>
    private static readonly string[] AnalysisFixtures =
    [
        "public/suricata-verify/sip-tcp-method/sip-tcp.pcap",
        "public/suricata-verify/sip-sdp/sdp.pcap",
        "public/PcapPlusPlus/sip_reqs.pcap",
        "public/wireshark-wiki/sip-rtp-opus-hybrid.pcap",
        "public/wireshark/sip.pcapng",
        "public/nDPI/gre.pcapng",
        "public/heplify/sip_ipv6_udp.pcap",
        "lab/wrong-gateway-redirect/pbx-uplink.pcap",
        "lab/wrong-gateway-redirect/router1.pcapng",
        "lab/genuine-wrong-password/pbx-uplink.pcap",
        "lab/tcp-segments/pbx-uplink.pcap",
        "lab-cooked/tcp-wrong-gateway-drop/pbx-any.pcap",
    ];

    private static IEnumerable<byte[]> AnalysisSeeds(string fixturesDir)
    {
        yield return MixedCapture.Build();
        yield return AttackCapture.Build();
        foreach (var name in AnalysisFixtures)
        {
            var bytes = File.ReadAllBytes(Path.Combine(fixturesDir, name));
            if (bytes.Length > 20 << 10)
                throw new InvalidOperationException($"{name} grew to {bytes.Length} bytes: the analysis seeds are to stay under 20 KB");
            yield return bytes;
        }
    }

    private enum Extracted { Frame, Sip, Sdp, Rtp, Tcp }

    private static IEnumerable<byte[]> Extract(List<string> files, Extracted kind)
    {
        foreach (var file in files)
        {
            var sink = new PayloadSink(kind);
            try
            {
                using var stream = File.OpenRead(file);
                new CaptureReader(stream, name: file).ReadAsync(sink).AsTask().GetAwaiter().GetResult();
            }
            catch (CaptureFormatException)
            {
            }
            foreach (var seed in sink.Seeds)
                yield return seed;
        }
    }

    /// <summary>Collects a few seeds per file: different frames, SIP start lines, SDP bodies, RTP flows.</summary>
    private sealed class PayloadSink(Extracted kind) : IPacketSink
    {
        private const int PerFile = 6;
        private readonly HashSet<string> _variants = new();
        private readonly Dictionary<(ushort, ushort), List<byte[]>> _flows = new();
        private readonly List<byte[]> _segments = new();

        public List<byte[]> Seeds { get; } = new();

        public void OnInterface(CaptureInterface captureInterface)
        {
        }

        public void OnPacket(in CapturedPacket packet)
        {
            if (Seeds.Count >= PerFile)
                return;
            var frame = default(DecodedFrame);
            FrameDecoder.Decode(packet.LinkType, packet.Data, ref frame);
            if (kind == Extracted.Frame)
            {
                int index = Array.IndexOf(FuzzTargets.FrameLinkTypes, packet.LinkType);
                if (index >= 0 && _variants.Add($"{packet.LinkType}/{frame.Layers}"))
                    Seeds.Add([(byte)index, .. packet.Data]);
                return;
            }
            if (kind == Extracted.Tcp)
            {
                if (frame.Has(FrameLayers.Tcp))
                    AddSegment(frame, packet.Data.Slice(frame.PayloadOffset, frame.PayloadLength));
                return;
            }
            if (!frame.Has(FrameLayers.Udp | FrameLayers.Tcp) || frame.PayloadLength == 0)
                return;
            var payload = packet.Data.Slice(frame.PayloadOffset, frame.PayloadLength);
            switch (kind)
            {
                case Extracted.Sip:
                    int lineEnd = payload.IndexOf((byte)'\n');
                    if (lineEnd > 0 && payload[..lineEnd].IndexOf("SIP/2.0"u8) >= 0
                        && _variants.Add(Encoding.ASCII.GetString(payload[..Math.Min(lineEnd, 12)])))
                        Seeds.Add(payload.ToArray());
                    break;
                case Extracted.Sdp:
                    int body = payload.IndexOf("\r\n\r\nv=0"u8);
                    if (body >= 0)
                        Seeds.Add(payload[(body + 4)..].ToArray());
                    break;
                case Extracted.Rtp:
                    if (frame.Has(FrameLayers.Udp) && RtpDemultiplexer.Classify(payload) != RtpPacketKind.Neither)
                        AddDatagram((frame.SourcePort, frame.DestinationPort), payload);
                    break;
            }
        }

        // Eight segments in a row in the tcp target's layout: control byte, sequence, length, payload.
        private void AddSegment(in DecodedFrame frame, ReadOnlySpan<byte> payload)
        {
            bool fromServer = frame.SourcePort is 5060 or 5061 || frame.SourcePort < frame.DestinationPort;
            ushort clientPort = fromServer ? frame.DestinationPort : frame.SourcePort;
            byte control = (byte)((frame.TcpFlags & 0x07) | ((clientPort & 7) << 4));
            if (fromServer) control |= TcpTarget.FromServer;
            if (frame.SourcePort == 5061 || frame.DestinationPort == 5061) control |= TcpTarget.TlsPort;
            var segment = new byte[TcpTarget.SegmentHeaderBytes + payload.Length];
            segment[0] = control;
            BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(1), frame.TcpSequence);
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(5), (ushort)payload.Length);
            payload.CopyTo(segment.AsSpan(TcpTarget.SegmentHeaderBytes));
            _segments.Add(segment);
            if (_segments.Count == 8)
            {
                Seeds.Add(_segments.SelectMany(d => d).ToArray());
                _segments.Clear();
            }
        }

        // Four datagrams of one flow in a row, each behind a 16-bit length, as the rtp target reads them.
        private void AddDatagram((ushort, ushort) flow, ReadOnlySpan<byte> payload)
        {
            if (!_flows.TryGetValue(flow, out var list))
                _flows[flow] = list = new List<byte[]>();
            var prefixed = new byte[payload.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(prefixed, (ushort)payload.Length);
            payload.CopyTo(prefixed.AsSpan(2));
            list.Add(prefixed);
            if (list.Count == 4)
            {
                Seeds.Add(list.SelectMany(d => d).ToArray());
                list.Clear();
            }
        }
    }
}
