using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PcapSipAnalyzer.Protocols.Frames;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// <c>--topology FILE</c>: what the engineer knows about the network, in JSON or YAML. Subnets with the gateway
/// their hosts use, optional routes between subnets through another next hop, and names for hosts by IP or MAC.
/// <code>
/// subnets:
///   - cidr: 192.168.0.0/24
///     name: subnet A
///     gateway: 192.168.0.1          # IP and/or gateway_mac: 02:00:00:00:00:01
///   - cidr: 192.168.1.0/24
///     gateway: 192.168.1.1
/// routes:                           # only where a subnet reaches another through a different next hop
///   - { from: 192.168.0.0/24, to: 10.9.0.0/16, via: 192.168.0.2 }
/// hosts:
///   192.168.0.10: PBX
///   "02:a0:00:00:00:fe": gateway 2
/// </code>
/// </summary>
public sealed partial class TopologyFile
{
    public IReadOnlyList<TopologySubnet> Subnets { get; init; } = [];
    public IReadOnlyList<TopologyRoute> Routes { get; init; } = [];
    public IReadOnlyDictionary<NetAddress, string> HostsByIp { get; init; } = new Dictionary<NetAddress, string>();
    public IReadOnlyDictionary<MacAddress, string> HostsByMac { get; init; } = new Dictionary<MacAddress, string>();

    public static TopologyFile Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses JSON (text starting with '{') or YAML; throws <see cref="FormatException"/> naming the bad entry.</summary>
    public static TopologyFile Parse(string text, string source = "topology")
    {
        Document? doc;
        try
        {
            doc = text.TrimStart().StartsWith('{')
                ? JsonSerializer.Deserialize<Document>(text, JsonOptions)
                : new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance)
                    .IgnoreUnmatchedProperties().Build().Deserialize<Document>(text);
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }
        doc ??= new Document();
        var subnets = new List<TopologySubnet>();
        foreach (var s in doc.Subnets ?? [])
        {
            var (ip, mac) = ParseHop(s.Gateway, source);
            if (s.GatewayMac is not null) mac = ParseMac(s.GatewayMac, source);
            subnets.Add(new TopologySubnet
            {
                Prefix = ParsePrefix(s.Cidr, source), Name = s.Name, Gateway = ip, GatewayMac = mac, Vlan = s.Vlan ?? 0,
            });
        }
        var routes = new List<TopologyRoute>();
        foreach (var r in doc.Routes ?? [])
        {
            var (ip, mac) = ParseHop(r.Via, source);
            if (r.ViaMac is not null) mac = ParseMac(r.ViaMac, source);
            routes.Add(new TopologyRoute { From = ParsePrefix(r.From, source), To = ParsePrefix(r.To, source), Via = ip, ViaMac = mac });
        }
        var byIp = new Dictionary<NetAddress, string>();
        var byMac = new Dictionary<MacAddress, string>();
        foreach (var (key, name) in doc.Hosts ?? [])
        {
            if (MacPattern().IsMatch(key)) byMac[MacAddress.Parse(key)] = name;
            else if (NetAddress.TryParse(key, out var ip)) byIp[ip] = name;
            else throw new FormatException($"{source}: host '{key}' is neither an IP nor a MAC address");
        }
        return new TopologyFile { Subnets = subnets, Routes = routes, HostsByIp = byIp, HostsByMac = byMac };
    }

    public string? NameOf(NetAddress ip) => HostsByIp.TryGetValue(ip, out var name) ? name : null;
    public string? NameOf(MacAddress mac) => HostsByMac.TryGetValue(mac, out var name) ? name : null;

    /// <summary>The most specific declared subnet holding the address, null when none does.</summary>
    public Subnet? SubnetOf(NetAddress ip) => DeclaredSubnetOf(ip)?.Prefix;

    public TopologySubnet? DeclaredSubnetOf(NetAddress ip)
    {
        TopologySubnet? best = null;
        foreach (var s in Subnets)
            if (s.Prefix.Contains(ip) && (best is null || s.Prefix.PrefixLength > best.Prefix.PrefixLength)) best = s;
        return best;
    }

    /// <summary>True when the MAC, or one of the addresses, is a declared gateway or route next hop.</summary>
    public bool IsGateway(MacAddress mac, IReadOnlyList<NetAddress> addresses)
    {
        foreach (var s in Subnets)
            if ((!s.GatewayMac.IsNone && s.GatewayMac == mac) || (!s.Gateway.IsNone && addresses.Contains(s.Gateway))) return true;
        foreach (var r in Routes)
            if ((!r.ViaMac.IsNone && r.ViaMac == mac) || (!r.Via.IsNone && addresses.Contains(r.Via))) return true;
        return false;
    }

    /// <summary>
    /// The next hop a packet from <paramref name="source"/> to <paramref name="destination"/> should leave
    /// through: a declared route from the source's subnet, else the source subnet's gateway. Null when the
    /// destination is in the source's own subnet (delivered directly) or the file says nothing about it.
    /// </summary>
    public ExpectedGateway? GatewayFor(NetAddress source, NetAddress destination)
    {
        var from = DeclaredSubnetOf(source);
        if (from is not null && from.Prefix.Contains(destination)) return null;
        TopologyRoute? bestRoute = null;
        foreach (var r in Routes)
            if (r.To.Contains(destination) && r.From.Contains(source)
                && (bestRoute is null || r.To.PrefixLength > bestRoute.To.PrefixLength))
                bestRoute = r;
        if (bestRoute is not null)
            return new ExpectedGateway(bestRoute.Via, bestRoute.ViaMac, $"the topology file routes {bestRoute.From} to {bestRoute.To} via {Hop(bestRoute.Via, bestRoute.ViaMac)}");
        if (from is null || !from.HasGateway) return null;
        return new ExpectedGateway(from.Gateway, from.GatewayMac, $"the topology file names {Hop(from.Gateway, from.GatewayMac)} as the gateway of {from.Prefix}");
    }

    private static string Hop(NetAddress ip, MacAddress mac) =>
        ip.IsNone ? mac.ToString() : mac.IsNone ? ip.ToString() : $"{ip} ({mac})";

    private static Subnet ParsePrefix(string? text, string source) =>
        text is not null && Subnet.TryParse(text, out var subnet) ? subnet
            : throw new FormatException($"{source}: '{text}' is not a CIDR prefix");

    private static (NetAddress Ip, MacAddress Mac) ParseHop(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text)) return (NetAddress.None, MacAddress.None);
        text = text.Trim();
        if (MacPattern().IsMatch(text)) return (NetAddress.None, MacAddress.Parse(text));
        if (NetAddress.TryParse(text, out var ip)) return (ip, MacAddress.None);
        throw new FormatException($"{source}: gateway '{text}' is neither an IP nor a MAC address");
    }

    private static MacAddress ParseMac(string text, string source) =>
        MacPattern().IsMatch(text.Trim()) ? MacAddress.Parse(text.Trim())
            : throw new FormatException($"{source}: '{text}' is not a MAC address");

    [GeneratedRegex("^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$")]
    private static partial Regex MacPattern();

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    // The file's shape, as both deserialisers see it.
    private sealed class Document
    {
        public List<SubnetEntry>? Subnets { get; set; }
        public List<RouteEntry>? Routes { get; set; }
        public Dictionary<string, string>? Hosts { get; set; }
    }

    private sealed class SubnetEntry
    {
        public string? Cidr { get; set; }
        public string? Name { get; set; }
        public string? Gateway { get; set; }
        public string? GatewayMac { get; set; }
        public ushort? Vlan { get; set; }
    }

    private sealed class RouteEntry
    {
        public string? From { get; set; }
        public string? To { get; set; }
        public string? Via { get; set; }
        public string? ViaMac { get; set; }
    }
}
