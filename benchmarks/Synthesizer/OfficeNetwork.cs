using PcapSipAnalyzer.Synthesizer.Voip;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer;

/// <summary>
/// The network of the design's case, seen from a capture on the PBX uplink: subnet A 10.10.0.0/16 with the PBX,
/// its phones, PCs and two routers; subnet B 10.20.0.0/16 with phones behind router 1 (frames from them carry
/// router 1's MAC and TTL 63); internet servers behind router 1 too. Router 2 is the wrong next hop.
/// </summary>
public sealed class OfficeNetwork
{
    public const string Domain = "pbx.example.com";
    public const ushort SipPort = 5060;

    public const ulong Router1Mac = 0x00_1a_2b_00_00_01UL;
    public const ulong Router2Mac = 0x00_1a_2b_00_00_fe;
    private const ulong PbxMac = 0x00_04_0d_ff_00_0aUL;
    private const ulong PhoneOui = 0x00_04_0d_00_00_00UL;
    private const ulong PcOui = 0x00_50_56_00_00_00UL;

    public OfficeNetwork(int phoneCount, SeededRandom random)
    {
        Pbx = new Host(Host.Ipv4(10, 10, 0, 10), PbxMac, PbxMac, 64, (ushort)random.Next(65536));
        Router1 = new Host(Host.Ipv4(10, 10, 0, 1), Router1Mac, Router1Mac, 64, (ushort)random.Next(65536));
        Router2 = new Host(Host.Ipv4(10, 10, 0, 254), Router2Mac, Router2Mac, 64, (ushort)random.Next(65536));
        DnsServer = new Host(Host.Ipv4(10, 10, 0, 2), 0x00_50_56_ff_00_02UL, 0x00_50_56_ff_00_02UL, 64, (ushort)random.Next(65536));

        Phones = new Phone[phoneCount];
        for (int i = 0; i < phoneCount; i++) Phones[i] = CreatePhone(i, random);

        Pcs = new Host[Math.Max(8, phoneCount / 10)];
        for (int i = 0; i < Pcs.Length; i++)
        {
            ulong mac = PcOui | (uint)(i + 1);
            Pcs[i] = new Host(Host.Ipv4(10, 10, 200 + i / 250, 1 + i % 250), mac, mac, 128, (ushort)random.Next(65536));
        }

        Servers = new Host[64];
        for (int i = 0; i < Servers.Length; i++)
        {
            uint ip = i % 2 == 0 ? Host.Ipv4(203, 0, 113, 10 + i) : Host.Ipv4(198, 51, 100, 10 + i);
            Servers[i] = new Host(ip, 0, Router1Mac, (byte)(40 + i % 20), (ushort)random.Next(65536));
        }
    }

    public Host Pbx { get; }
    public Host Router1 { get; }
    public Host Router2 { get; }
    public Host DnsServer { get; }
    public Phone[] Phones { get; }
    public Host[] Pcs { get; }
    public Host[] Servers { get; }

    private static Phone CreatePhone(int index, SeededRandom random)
    {
        bool inB = index % 2 == 1;
        int k = index / 2;
        ulong mac = PhoneOui | (uint)(index + 1);
        var host = new Host(Host.Ipv4(10, inB ? 20 : 10, 1 + k / 250, 1 + k % 250), mac, inB ? Router1Mac : mac,
            (byte)(inB ? 63 : 64), (ushort)random.Next(65536));
        // Desk phones use 5060, softphones an ephemeral port.
        ushort port = random.Chance(0.6) ? SipPort : (ushort)random.Next(20000, 65000);
        double roll = random.NextDouble();
        RegistrationOutcome outcome = inB
            ? roll < 0.70 ? RegistrationOutcome.Registered
            : roll < 0.82 ? RegistrationOutcome.AnsweredViaOtherGateway
            : roll < 0.88 ? RegistrationOutcome.Rejected
            : roll < 0.94 ? RegistrationOutcome.Unanswered
            : RegistrationOutcome.AuthUnanswered
            : roll < 0.84 ? RegistrationOutcome.Registered
            : roll < 0.90 ? RegistrationOutcome.Rejected
            : roll < 0.95 ? RegistrationOutcome.Unanswered
            : RegistrationOutcome.AuthUnanswered;
        string callId = $"{random.NextULong():x16}@{host.Address}";
        return new Phone(index, host, port, (2000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
            inB, outcome, callId)
        {
            FromTag = random.NextULong(),
            RedirectedByWrongGateway = outcome == RegistrationOutcome.AnsweredViaOtherGateway && random.Chance(0.5),
        };
    }
}
