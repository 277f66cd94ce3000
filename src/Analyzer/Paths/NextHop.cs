using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// A neighbour on one L2 segment that frames came from or went to: its MAC, the IP addresses known to be its
/// own (ARP/ND, or packets it originated), whether it routes, and a name from the topology file.
/// </summary>
public sealed class NextHop
{
    public required SegmentKey Segment { get; init; }
    public required MacAddress Mac { get; init; }
    /// <summary>The neighbour's own addresses, ARP/ND-announced ones first.</summary>
    public IReadOnlyList<NetAddress> Addresses { get; init; } = [];
    /// <summary>True when the MAC forwards traffic for addresses other than its own (a gateway).</summary>
    public bool IsRouter { get; init; }
    /// <summary>How many other addresses' traffic it carried (the IPs it speaks for).</summary>
    public int ForwardedAddressCount { get; init; }
    /// <summary>Its addresses that another MAC announced as well (an address conflict, a device that took its address, ARP spoofing).</summary>
    public IReadOnlyList<NetAddress> Contested { get; init; } = [];
    /// <summary>Name given by the topology file, null when none.</summary>
    public string? Name { get; init; }

    public NetAddress Address => Addresses.Count > 0 ? Addresses[0] : NetAddress.None;

    /// <summary>An address this hop and <paramref name="other"/> (another MAC) both announced; null when they share none.</summary>
    public NetAddress? SharedAddressWith(NextHop? other)
    {
        if (other is null || other.Mac == Mac) return null;
        foreach (var ip in Contested)
            if (other.Contested.Contains(ip)) return ip;
        return null;
    }

    /// <summary>
    /// "router 192.168.0.1 (02:00:00:00:00:01)", "gw2 192.168.0.254 (…)", "02:…:fe (no IP known)": one address
    /// and the MAC, whatever else the hop owns or forwards for, so a name stays short on a router of 1 M hosts.
    /// </summary>
    public string Describe()
    {
        string role = Name ?? (IsRouter ? "router" : "host");
        if (Addresses.Count == 0) return $"{role} {Mac} (no IP address known for it)";
        return $"{role} {Address} ({Mac})";
    }

    public override string ToString() => Describe();
}
