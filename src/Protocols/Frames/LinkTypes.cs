namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>LINKTYPE_ values (tcpdump.org/linktypes.html) the decoder understands.</summary>
public static class LinkTypes
{
    public const int Null = 0;
    public const int Ethernet = 1;
    public const int RawOpenBsd = 12;   // DLT_RAW on some BSDs
    public const int RawBsdi = 14;      // DLT_RAW on BSD/OS
    public const int Raw = 101;
    public const int Loop = 108;
    public const int LinuxSll = 113;
    public const int Ipv4 = 228;
    public const int Ipv6 = 229;
    public const int LinuxSll2 = 276;
    public const int Nflog = 239;

    public static string Name(int linkType) => linkType switch
    {
        Null => "NULL",
        Ethernet => "ETHERNET",
        RawOpenBsd or RawBsdi or Raw => "RAW",
        Loop => "LOOP",
        LinuxSll => "LINUX_SLL",
        Ipv4 => "IPV4",
        Ipv6 => "IPV6",
        LinuxSll2 => "LINUX_SLL2",
        Nflog => "NFLOG",
        253 => "NETLINK",
        _ => $"LINKTYPE_{linkType}",
    };
}
