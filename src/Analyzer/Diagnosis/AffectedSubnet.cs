using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>
/// Places a set of affected clients in a subnet an engineer can route: the topology file's subnet when it
/// declares one holding them all, else the widest prefix up to a /24 (a /64 for IPv6 — what sites hand to a phone
/// VLAN) that holds every affected client and none of the addresses known not to be affected (healthy clients, the
/// server, the routers on the way); wider than that only when the affected clients themselves span more.
/// </summary>
public static class AffectedSubnet
{
    public static Subnet? Infer(IReadOnlyCollection<NetAddress> affected, IReadOnlyCollection<NetAddress> notAffected, TopologyFile? topology)
    {
        if (affected.Count == 0) return null;
        NetAddress first = default;
        bool any = false;
        foreach (var a in affected)
        {
            if (!any) { first = a; any = true; }
            else if (a.IsV6 != first.IsV6) return null;
        }
        if (topology is not null && topology.SubnetOf(first) is { } declared && All(affected, declared)) return declared;

        int common = first.IsV6 ? 128 : 32;
        foreach (var a in affected) common = Math.Min(common, CommonPrefix(first, a));
        int widest = first.IsV6 ? 64 : 24;
        for (int length = Math.Min(widest, common); length <= common; length++)
        {
            var candidate = new Subnet(first, length);
            if (!Any(notAffected, candidate)) return candidate;
        }
        return null;
    }

    /// <summary>How many leading bits two addresses of one family share.</summary>
    public static int CommonPrefix(NetAddress a, NetAddress b)
    {
        if (!a.IsV6) return System.Numerics.BitOperations.LeadingZeroCount(a.V4 ^ b.V4);
        ulong high = a.High ^ b.High;
        if (high != 0) return System.Numerics.BitOperations.LeadingZeroCount(high);
        return 64 + System.Numerics.BitOperations.LeadingZeroCount(a.Low ^ b.Low);
    }

    private static bool All(IReadOnlyCollection<NetAddress> addresses, Subnet subnet)
    {
        foreach (var a in addresses) if (!subnet.Contains(a)) return false;
        return true;
    }

    private static bool Any(IReadOnlyCollection<NetAddress> addresses, Subnet subnet)
    {
        foreach (var a in addresses) if (subnet.Contains(a)) return true;
        return false;
    }
}
