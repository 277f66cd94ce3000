using System.Globalization;

namespace PcapSipAnalyzer.Synthesizer;

/// <summary>What to synthesize; parsed from the command line or set by tests.</summary>
public sealed class SynthesisOptions
{
    public const string Usage =
        "usage: pcapsip-synth --out FILE [--format pcap|pcapng] [--size 2GB | --packets N | --duration SECONDS]\n" +
        "                     [--seed 1] [--phones 2000] [--truth FILE]\n" +
        "                     [--flood KIND (see FloodKind)] [--count N] [--header-size 10MB] [--answered FRACTION]";

    public string OutputPath { get; set; } = "";

    /// <summary>Where the ground truth goes; default: the output path + ".truth.json".</summary>
    public string? TruthPath { get; set; }

    public CaptureFileFormat Format { get; set; } = CaptureFileFormat.Pcap;

    /// <summary>File size at which the capture starts to wind down (in-flight exchanges are completed).</summary>
    public long? TargetBytes { get; set; }

    /// <summary>Packet count at which the capture starts to wind down.</summary>
    public long? TargetPackets { get; set; }

    /// <summary>Capture time at which the capture starts to wind down.</summary>
    public double? DurationSeconds { get; set; }

    public ulong Seed { get; set; } = 1;

    public int Phones { get; set; } = 2000;

    public FloodKind Flood { get; set; } = FloodKind.None;

    /// <summary>Distinct Call-IDs, flows or fragmented datagrams in a flood.</summary>
    public long FloodCount { get; set; } = 1_000_000;

    /// <summary>Length of the one header line (huge-header), of the header section (tiny-segments), of the record (huge-record).</summary>
    public long HeaderBytes { get; set; } = 10L << 20;

    /// <summary>Share of the register-scan flood's requests the PBX rejects (401/404/403); the rest go unanswered.</summary>
    public double ScanAnswered { get; set; }

    public string EffectiveTruthPath => TruthPath ?? OutputPath + ".truth.json";

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static SynthesisOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SynthesisOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--out": o.OutputPath = Value(); break;
                case "--truth": o.TruthPath = Value(); break;
                case "--format": o.Format = ParseFormat(Value()); break;
                case "--size": o.TargetBytes = ParseSize(Value()); break;
                case "--packets": o.TargetPackets = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--duration": o.DurationSeconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": o.Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--phones": o.Phones = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--flood": o.Flood = ParseFlood(Value()); break;
                case "--count": o.FloodCount = ParseSize(Value()); break;
                case "--header-size": o.HeaderBytes = ParseSize(Value()); break;
                case "--answered": o.ScanAnswered = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        if (o.OutputPath.Length == 0) throw new ArgumentException("--out is required");
        if (o.Phones is < 2 or > 60000) throw new ArgumentException("--phones must be 2..60000");
        return o;
    }

    /// <summary>Parses 2GB, 200MB, 512KiB, 1e6 or a plain number (decimal units, binary with "iB").</summary>
    public static long ParseSize(string text)
    {
        string t = text.Trim().ToUpperInvariant();
        long unit = 1;
        (string Suffix, long Unit)[] units =
        [
            ("KIB", 1L << 10), ("MIB", 1L << 20), ("GIB", 1L << 30), ("KB", 1000), ("MB", 1000_000),
            ("GB", 1000_000_000), ("K", 1000), ("M", 1000_000), ("G", 1000_000_000), ("B", 1),
        ];
        foreach (var (suffix, u) in units)
        {
            if (!t.EndsWith(suffix, StringComparison.Ordinal)) continue;
            unit = u;
            t = t[..^suffix.Length];
            break;
        }
        return (long)(double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture) * unit);
    }

    private static CaptureFileFormat ParseFormat(string text) => text switch
    {
        "pcap" => CaptureFileFormat.Pcap,
        "pcapng" => CaptureFileFormat.Pcapng,
        _ => throw new ArgumentException($"unknown format {text}"),
    };

    private static FloodKind ParseFlood(string text) => text switch
    {
        "call-ids" => FloodKind.CallIds,
        "udp-flows" => FloodKind.UdpFlows,
        "tcp-endless" => FloodKind.TcpEndless,
        "fragments" => FloodKind.Fragments,
        "huge-header" => FloodKind.HugeHeader,
        "register-scan" => FloodKind.RegisterScan,
        "tiny-segments" => FloodKind.TinySegments,
        "colliding-connections" => FloodKind.CollidingConnections,
        "in-dialog-acks" => FloodKind.InDialogAcks,
        "forked-ringing" => FloodKind.ForkedRinging,
        "huge-record" => FloodKind.HugeRecord,
        "dialog-requests" => FloodKind.DialogRequests,
        "dialog-media" => FloodKind.DialogMedia,
        "register-refreshes" => FloodKind.RegisterRefreshes,
        "register-contacts" => FloodKind.RegisterContacts,
        "invite-media" => FloodKind.InviteMedia,
        "interface-call-ids" => FloodKind.InterfaceCallIds,
        "tcp-half-messages" => FloodKind.TcpHalfMessages,
        "tcp-tiny-segments" => FloodKind.TcpTinySegments,
        "rtp-ssrcs" => FloodKind.RtpSsrcs,
        "password-guessing" => FloodKind.PasswordGuessing,
        "distributed-guessing" => FloodKind.DistributedGuessing,
        "password-spraying" => FloodKind.PasswordSpraying,
        "lines-refused" => FloodKind.LinesRefused,
        "spray-one-address" => FloodKind.SprayFromOneAddress,
        "gateway-lines-refused" => FloodKind.GatewayLinesRefused,
        "extension-enumeration" => FloodKind.ExtensionEnumeration,
        "register-sweep" => FloodKind.RegisterSweep,
        "toll-fraud" => FloodKind.TollFraud,
        "trunk-refused" => FloodKind.TrunkRefused,
        _ => throw new ArgumentException($"unknown flood {text}"),
    };
}
