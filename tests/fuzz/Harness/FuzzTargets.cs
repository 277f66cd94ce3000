using System.Buffers.Binary;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Rtp;

namespace PcapSipAnalyzer.Fuzz;

/// <summary>
/// One entry point per fuzz target: each takes the whole input and throws only on a bug. Exceptions the code
/// documents for bad input (CaptureFormatException from the reader) are caught here; any other one is a
/// crash for AFL. Beyond "does not throw", each target checks the invariants its callers rely on (spans
/// handed out lie inside the input), so a wrong offset shows up as a crash too.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Target names accepted by run.sh.</summary>
    public static readonly string[] Names = ["capture", "frame", "sip", "sdp", "rtp", "tcp", "analysis"];

    /// <summary>The link types the frame target picks from with its first input byte.</summary>
    public static readonly int[] FrameLinkTypes =
    [
        LinkTypes.Ethernet, LinkTypes.LinuxSll, LinkTypes.LinuxSll2, LinkTypes.Raw, LinkTypes.RawOpenBsd,
        LinkTypes.RawBsdi, LinkTypes.Ipv4, LinkTypes.Ipv6, LinkTypes.Null, LinkTypes.Loop, LinkTypes.Nflog,
        LinkTypes.Erf, LinkTypes.Ppp, LinkTypes.PppHdlc, LinkTypes.PppWithDirection, LinkTypes.PppEther,
        LinkTypes.CiscoHdlc, LinkTypes.CiscoHdlcWithDirection, LinkTypes.Pktap,
    ];

    public static Action<byte[]> Get(string name) => name switch
    {
        "capture" => Capture,
        "frame" => Frame,
        "sip" => SipTargets.Sip,
        "sdp" => SipTargets.Sdp,
        "rtp" => Rtp,
        "tcp" => TcpTarget.Tcp,
        "analysis" => AnalysisTarget.Analysis,
        _ => throw new ArgumentException($"unknown fuzz target '{name}'; one of: {string.Join(", ", Names)}"),
    };

    /// <summary>A whole capture file (pcap, pcapng, gzip) read from memory; every packet decoded.</summary>
    public static void Capture(byte[] input)
    {
        var reader = new CaptureReader(new MemoryStream(input, writable: false), name: "fuzz");
        var sink = new CheckingSink();
        try
        {
            reader.ReadAsync(sink).AsTask().GetAwaiter().GetResult();
        }
        catch (CaptureFormatException)
        {
        }
        if (reader.Summary.Packets != sink.Packets)
            throw new InvalidOperationException($"summary says {reader.Summary.Packets} packets, sink saw {sink.Packets}");
    }

    /// <summary>First byte picks the link type, the rest is the frame.</summary>
    public static void Frame(byte[] input)
    {
        if (input.Length == 0)
            return;
        int linkType = FrameLinkTypes[input[0] % FrameLinkTypes.Length];
        CheckFrame(linkType, input.AsSpan(1));
    }

    /// <summary>
    /// The input is a run of datagrams, each prefixed by a 16-bit big-endian length (the last one takes what
    /// is left). Each datagram is parsed as RTP and as RTCP, and all go through one RtpEngine in order, so
    /// stream state (sequence, jitter, RTCP reports) sees hostile sequences too.
    /// </summary>
    public static void Rtp(byte[] input)
    {
        var engine = new RtpEngine(new RtpEngineOptions { MaxStreams = 8, MaxCandidates = 8, MaxRetiredStreams = 8, MaxRtcpReports = 8 });
        var meta = new PacketMeta
        {
            SourceIp = NetAddress.FromV4(0x0A000001), DestinationIp = NetAddress.FromV4(0x0A000002),
            SourcePort = 40000, DestinationPort = 40002, Transport = Transport.Udp,
        };
        ReadOnlySpan<byte> rest = input;
        long frame = 0;
        while (rest.Length > 0)
        {
            int length = rest.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(rest) : 0;
            rest = rest.Length >= 2 ? rest[2..] : default;
            var datagram = rest[..Math.Min(length, rest.Length)];
            rest = rest[datagram.Length..];
            CheckRtp(datagram);
            meta.Frame = ++frame;
            meta.TimestampNs = frame * 20_000_000;
            // Alternate direction with the low bit of the length, so both ends of a flow are exercised.
            (meta.SourcePort, meta.DestinationPort) = (length & 1) == 0 ? ((ushort)40000, (ushort)40002) : ((ushort)40002, (ushort)40000);
            engine.OnUdp(meta, datagram);
        }
        foreach (var stream in engine.Streams)
            _ = stream.ToString();
    }

    private static void CheckRtp(ReadOnlySpan<byte> datagram)
    {
        _ = RtpDemultiplexer.Classify(datagram);
        if (RtpHeader.TryParse(datagram, out var header)
            && (header.PayloadOffset < 0 || header.PayloadLength < 0 || header.PayloadOffset + header.PayloadLength > datagram.Length))
            throw new InvalidOperationException($"RTP payload {header.PayloadOffset}+{header.PayloadLength} outside {datagram.Length} bytes");

        bool valid = RtcpCompoundReader.IsValid(datagram);
        var reader = new RtcpCompoundReader(datagram);
        while (reader.TryRead(out var packet))
        {
            _ = packet.Ssrc;
            _ = packet.TryGetSenderInfo(out _);
            for (int i = 0; i < packet.ReportBlockCount; i++)
                _ = packet.GetReportBlock(i);
            var sdes = packet.SourceDescription;
            while (sdes.TryRead(out _))
            {
            }
            for (int i = 0; i < packet.GoodbyeSourceCount; i++)
                _ = packet.GetGoodbyeSource(i);
            _ = packet.GoodbyeReason;
            _ = packet.ApplicationName;
            _ = packet.ApplicationData;
        }
        _ = valid;
    }

    /// <summary>Decodes one frame and checks that the spans callers slice (payload, quoted payload) lie inside it. (IpHeaderLength is the declared length and may run past a cut frame.)</summary>
    internal static void CheckFrame(int linkType, ReadOnlySpan<byte> data)
    {
        var frame = default(DecodedFrame);
        FrameDecoder.Decode(linkType, data, ref frame);
        CheckRange("payload", frame.PayloadOffset, frame.PayloadLength, data.Length);
        CheckRange("quoted payload", frame.QuotedPayloadOffset, frame.QuotedPayloadLength, data.Length);
        _ = data.Slice(frame.PayloadOffset, frame.PayloadLength).ToArray().Length;
    }

    private static void CheckRange(string what, int offset, int length, int total)
    {
        if (offset < 0 || length < 0 || (long)offset + length > total)
            throw new InvalidOperationException($"{what} {offset}+{length} outside the {total}-byte frame");
    }

    /// <summary>Touches every packet's bytes and options and decodes it, as the analysis would.</summary>
    private sealed class CheckingSink : IPacketSink
    {
        public long Packets;

        public void OnPacket(in CapturedPacket packet)
        {
            Packets++;
            if (packet.CapturedLength > 0)
                _ = packet.Data[^1];
            foreach (var option in new PcapngOptions(packet.Options, packet.OptionsBigEndian))
                _ = option.Value.Length;
            CheckFrame(packet.LinkType, packet.Data);
        }

        public void OnInterface(CaptureInterface captureInterface) => _ = captureInterface.ToString();
    }
}
