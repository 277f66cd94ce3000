using System.Runtime.InteropServices;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// The L2 neighbourhood of every segment a capture saw, learnt from the frames themselves: ARP and IPv6 ND
/// bind IPs to MACs; each IP frame says "this MAC sent for this IP" and "this MAC was the next hop for that IP";
/// the TTL says whether the sender is on-link (an initial TTL) or was routed (one less). From that, at query
/// time: local subnets, routers and the IPs they speak for. Fed once per packet without allocating in the
/// steady state (value-type keys); bounded by caps, with a count of what did not fit.
/// </summary>
public sealed class NeighborTable
{
    private readonly Dictionary<IpKey, Binding> _bindings = new();
    // Both grow only, and a flood of new hosts adds to both for every frame: open addressing over struct slots
    // (InsertionOrderedTable), each key hashed once. _pairs keeps the order pairs were first seen, which the views
    // are built in.
    private readonly InsertionOrderedTable<PairKey, PairRoles> _pairs = new();
    // Pairs whose roles are already recorded, direct-mapped by hash: nearly every frame repeats a (MAC, IP) pair
    // it has seen with the same roles, and then there is nothing to record; this answers that without the
    // dictionary. A slot holds a snapshot of the pair's roles, which only ever grow, so a hit is always right.
    // Small enough to stay in the first-level cache (256 slots of 56 bytes): the flow table already spares the
    // table the packets of known flows, so what comes here is a flow's first packets, whose repeated side (the
    // server, the router) hits in any size, while each new host of a flood misses in any size — at 4 096 slots
    // (224 KiB) that miss cost as much as the pair's own look-up. The 200 MB mix loses 2 600 of its 27 000 hits.
    private readonly RecentPair[] _recent = WrittenArray.New<RecentPair>(RecentPairs);
    private const int RecentPairs = 256;
    private readonly HashSet<SegmentKey> _segments = new();
    // Segments already in _segments, direct-mapped by interface: a router capture interleaves its interfaces packet
    // by packet (up to 1 024 of them), so "the same segment as the last packet" misses nearly every time there.
    private readonly KnownSegment[] _knownSegments = WrittenArray.New<KnownSegment>(KnownSegmentSlots);
    private const int KnownSegmentSlots = 1024;
    private readonly HashSet<MacKey> _ndRouters = new();
    // Addresses that more than one MAC announced (an address conflict, a device that took a router's address, ARP
    // spoofing; also a failover or a NIC change): every MAC that claimed each, in order, a few per address.
    private readonly Dictionary<IpKey, List<MacAddress>> _claims = new();
    private const int MaxContestedAddresses = 4_096, MaxClaimantsPerAddress = 4;
    private readonly InsertionOrderedTable<MacKey, int> _pairsPerMac = new();
    private readonly int _maxBindings;
    private readonly int _maxPairs;
    private readonly int _maxSegments;
    private long _version;
    private long _viewVersion = -1;
    private Dictionary<SegmentKey, SegmentView> _views = new();

    /// <summary>
    /// Addresses kept as a next hop's own: a host has one or two, a router one per interface here; more come from
    /// proxy ARP or a forged flood and would only lengthen every report naming it.
    /// </summary>
    public const int MaxOwnAddresses = 8;

    /// <summary>
    /// Addresses remembered per MAC and segment. A router is known as one after three; past a few thousand, what
    /// it forwards for adds nothing but memory (a scan from a million addresses through one router).
    /// </summary>
    public const int MaxAddressesPerMac = 4_096;

    /// <summary>How many distinct non-link-local source IPs of one family make a MAC a router by themselves.</summary>
    public int ManyAddressesThreshold { get; init; } = 3;

    /// <summary>Optional names and subnets from <c>--topology</c>; its subnets count as local when on-link.</summary>
    public TopologyFile? Topology { get; set; }

    public NeighborTable(int maxBindings = 65_536, int maxPairs = 262_144, int maxSegments = 4_096)
    {
        _maxBindings = maxBindings;
        _maxPairs = maxPairs;
        _maxSegments = maxSegments;
    }

    /// <summary>Observations that did not fit under the caps (new IPs, MACs or segments after the table filled).</summary>
    public long DroppedObservations { get; private set; }
    /// <summary>ARP/ND answers that moved an IP to another MAC (failover, proxy ARP, spoofing).</summary>
    public long BindingChanges { get; private set; }
    public IReadOnlyCollection<SegmentKey> Segments => _segments;

    /// <summary>Feeds one decoded frame seen on <paramref name="capture"/>/<paramref name="interfaceId"/>.</summary>
    public void Observe(int capture, int interfaceId, long frameNumber, in DecodedFrame frame) =>
        Observe(new SegmentKey(capture, interfaceId, frame.OuterVlan), frameNumber, in frame);

    public void Observe(SegmentKey segment, long frameNumber, in DecodedFrame frame)
    {
        if (frame.SourceMac.IsNone) return; // raw IP / cooked captures without MACs teach nothing about L2
        ref var known = ref _knownSegments[KnownSlot(segment)];
        if (!known.Known || known.Segment != segment)
        {
            if (!_segments.Contains(segment))
            {
                if (_segments.Count >= _maxSegments) { DroppedObservations++; return; }
                _segments.Add(segment);
                _version++;
            }
            known = new KnownSegment(segment);
        }
        if (frame.Has(FrameLayers.Arp) || frame.Has(FrameLayers.NeighborDiscovery))
        {
            Bind(segment, frame.ArpSenderIp, frame.ArpSenderMac, frameNumber);
            if (frame.ArpOperation == 2) Bind(segment, frame.ArpTargetIp, frame.ArpTargetMac, frameNumber);
            // A Neighbor Advertisement with the Router flag: the node says itself that it routes.
            if (frame.Has(FrameLayers.NeighborDiscovery) && frame.ArpOperation == 2 && (frame.NdFlags & 0x80) != 0
                && _ndRouters.Count < _maxSegments && _ndRouters.Add(new MacKey(segment, frame.SourceMac)))
                _version++;
        }
        if (!frame.Has(FrameLayers.Ipv4) && !frame.Has(FrameLayers.Ipv6)) return;
        var sourceRole = IsInitialTtl(frame.Ttl) ? PairRoles.Source | PairRoles.Direct : PairRoles.Source | PairRoles.Routed;
        Note(new PairKey(segment, frame.SourceMac, frame.SourceIp), sourceRole);
        if (!frame.DestinationMac.IsMulticast && IsUnicast(frame.DestinationIp))
        {
            // A router capture interleaves its interfaces, each with its own server behind one MAC: the segment's
            // last destination answers most of them where the table-wide recent pairs, taken by the new hosts of
            // every interface, no longer held it.
            var destination = new PairKey(segment, frame.DestinationMac, frame.DestinationIp);
            bool remembered = known.LastDestination.Roles != PairRoles.None && known.LastDestination.Key.Equals(destination);
            if (!remembered && Note(destination, PairRoles.Destination))
                known.LastDestination = new RecentPair(destination, PairRoles.Destination);
        }
    }

    private static int KnownSlot(SegmentKey segment) =>
        (segment.InterfaceId ^ (segment.Capture * 61) ^ (segment.Vlan * 17)) & (KnownSegmentSlots - 1);

    private struct KnownSegment(SegmentKey segment)
    {
        public readonly SegmentKey Segment = segment;
        public readonly bool Known = true;
        /// <summary>The destination pair last recorded on the segment (Roles None: none yet).</summary>
        public RecentPair LastDestination;
    }

    /// <summary>TTLs hosts start with: a packet carrying one came straight from its sender.</summary>
    public static bool IsInitialTtl(byte ttl) => ttl is 1 or 32 or 60 or 64 or 128 or 255;

    private void Bind(SegmentKey segment, NetAddress ip, MacAddress mac, long frameNumber)
    {
        if (ip.IsNone || mac.IsNone || mac.IsMulticast) return; // ARP probes and DAD carry no owner
        var key = new IpKey(segment, ip);
        ref var binding = ref CollectionsMarshal.GetValueRefOrNullRef(_bindings, key);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref binding))
        {
            if (_bindings.Count >= _maxBindings) { DroppedObservations++; return; }
            _bindings[key] = new Binding(mac, frameNumber, frameNumber);
            _version++;
            return;
        }
        if (binding.Mac != mac)
        {
            BindingChanges++;
            NoteClaim(key, binding.Mac, mac);
            binding = new Binding(mac, frameNumber, frameNumber);
            _version++;
            return;
        }
        binding.LastFrame = frameNumber;
    }

    private void NoteClaim(IpKey key, MacAddress holder, MacAddress claimant)
    {
        if (!_claims.TryGetValue(key, out var macs))
        {
            if (_claims.Count >= MaxContestedAddresses) { DroppedObservations++; return; }
            _claims[key] = macs = new List<MacAddress>(2) { holder };
        }
        if (!macs.Contains(claimant) && macs.Count < MaxClaimantsPerAddress) macs.Add(claimant);
    }

    /// <summary>Records the pair's roles; false when the pair has no place (caps reached) or no address.</summary>
    private bool Note(in PairKey key, PairRoles roles)
    {
        if (key.Ip.IsNone || key.Mac.IsNone) return false;
        int hash = key.GetHashCode();
        ref var recent = ref _recent[hash & (RecentPairs - 1)];
        if ((recent.Roles & roles) == roles && recent.Key.Equals(key)) return true;
        ref var pair = ref _pairs.Find(key, hash);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref pair))
        {
            if (_pairs.Count >= _maxPairs) { DroppedObservations++; return false; }
            var macKey = new MacKey(key.Segment, key.Mac);
            int macHash = macKey.TableHash();
            ref int perMac = ref _pairsPerMac.Find(macKey, macHash);
            if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref perMac)) perMac = ref _pairsPerMac.Add(macKey, macHash);
            if (perMac >= MaxAddressesPerMac) { DroppedObservations++; return false; }
            perMac++;
            pair = ref _pairs.Add(key, hash);
        }
        if ((pair & roles) != roles)
        {
            pair |= roles;
            _version++;
        }
        recent = new RecentPair(key, pair);
        return true;
    }

    private static bool IsUnicast(NetAddress ip)
    {
        if (ip.IsNone) return false;
        if (ip.IsV6) return (ip.High >> 56) != 0xFF;
        uint v = ip.V4;
        return v != uint.MaxValue && (v >> 28) != 0xE;
    }

    /// <summary>The MAC ARP/ND bound to <paramref name="ip"/> on the segment, or the MAC that sent for it directly.</summary>
    public bool TryResolve(SegmentKey segment, NetAddress ip, out MacAddress mac)
    {
        if (_bindings.TryGetValue(new IpKey(segment, ip), out var binding)) { mac = binding.Mac; return true; }
        return View(segment).DirectOwner.TryGetValue(ip, out mac);
    }

    /// <summary>
    /// True when <paramref name="ip"/> sent packets of its own on the segment (initial TTLs) from a MAC that forwards
    /// nothing for others: a host such as a phone, not a gateway.
    /// </summary>
    public bool IsEndHost(SegmentKey segment, NetAddress ip) =>
        View(segment).DirectOwner.TryGetValue(ip, out var mac) && !NextHop(segment, mac).IsRouter;

    /// <summary>The local subnets of the segment: from the topology file where it names them, else inferred.</summary>
    public IReadOnlyList<Subnet> LocalSubnets(SegmentKey segment) => View(segment).Subnets;

    /// <summary>True when the address is on the segment's own link (no router between it and the capture).</summary>
    public bool IsOnLink(SegmentKey segment, NetAddress ip)
    {
        if (Subnet.IsLinkLocal(ip) || _bindings.ContainsKey(new IpKey(segment, ip))) return true;
        foreach (var subnet in View(segment).Subnets)
            if (subnet.Contains(ip)) return true;
        return false;
    }

    /// <summary>The VLAN ids seen on one capture interface (0 = untagged).</summary>
    public IReadOnlyList<ushort> Vlans(int capture, int interfaceId)
    {
        var vlans = new List<ushort>();
        foreach (var s in _segments)
            if (s.Capture == capture && s.InterfaceId == interfaceId) vlans.Add(s.Vlan);
        vlans.Sort();
        return vlans;
    }

    /// <summary>Everything known about one MAC on one segment, as a next hop.</summary>
    public NextHop NextHop(SegmentKey segment, MacAddress mac)
    {
        var view = View(segment);
        if (view.Hops.TryGetValue(mac, out var hop)) return hop;
        return new NextHop { Segment = segment, Mac = mac, Name = Topology?.NameOf(mac) };
    }

    /// <summary>The next hop that owns <paramref name="ip"/> on the segment, null when its MAC is unknown.</summary>
    public NextHop? NextHopFor(SegmentKey segment, NetAddress ip) =>
        TryResolve(segment, ip, out var mac) ? NextHop(segment, mac) : null;

    /// <summary>Every MAC on the segment that forwards traffic for other addresses.</summary>
    public IReadOnlyList<NextHop> Routers(SegmentKey segment)
    {
        var routers = new List<NextHop>();
        foreach (var hop in View(segment).Hops.Values)
            if (hop.IsRouter) routers.Add(hop);
        routers.Sort((a, b) => a.Mac.Value.CompareTo(b.Mac.Value));
        return routers;
    }

    /// <summary>The remote addresses a router's MAC sent or received traffic for on the segment.</summary>
    public IReadOnlyList<NetAddress> AddressesServedBy(SegmentKey segment, MacAddress mac) =>
        View(segment).Served.TryGetValue(mac, out var list) ? list : [];

    private SegmentView View(SegmentKey segment)
    {
        if (_viewVersion != _version)
        {
            _views = SegmentView.BuildAll(this);
            _viewVersion = _version;
        }
        if (!_views.TryGetValue(segment, out var view))
            _views[segment] = view = new SegmentView();
        return view;
    }

    /// <summary>What is derived from the raw observations of one segment; rebuilt when they change.</summary>
    private sealed class SegmentView
    {
        public List<Subnet> Subnets = new();
        public Dictionary<NetAddress, MacAddress> DirectOwner = new();
        public Dictionary<MacAddress, NextHop> Hops = new();
        public Dictionary<MacAddress, List<NetAddress>> Served = new();

        // Raw observations of the segment, bucketed in one pass over the tables.
        private readonly Dictionary<NetAddress, MacAddress> _bound = new();
        private readonly Dictionary<MacAddress, List<NetAddress>> _ownedBy = new();
        private readonly Dictionary<MacAddress, List<(NetAddress Ip, PairRoles Roles)>> _pairsByMac = new();
        private readonly Dictionary<MacAddress, List<NetAddress>> _contestedBy = new();

        /// <summary>Every segment's view at once: one pass over the bindings and pairs, whatever the number of VLANs.</summary>
        public static Dictionary<SegmentKey, SegmentView> BuildAll(NeighborTable table)
        {
            var views = new Dictionary<SegmentKey, SegmentView>();
            SegmentView Of(SegmentKey segment)
            {
                if (!views.TryGetValue(segment, out var v)) views[segment] = v = new SegmentView();
                return v;
            }
            foreach (var (key, binding) in table._bindings)
            {
                var view = Of(key.Segment);
                view._bound[key.Ip] = binding.Mac;
                if (!view._ownedBy.TryGetValue(binding.Mac, out var owned)) view._ownedBy[binding.Mac] = owned = new();
                owned.Add(key.Ip);
            }
            foreach (var (key, macs) in table._claims)
            {
                var view = Of(key.Segment);
                foreach (var mac in macs)
                {
                    if (!view._contestedBy.TryGetValue(mac, out var list)) view._contestedBy[mac] = list = new();
                    list.Add(key.Ip);
                }
            }
            for (int order = 0; order < table._pairs.Count; order++)
            {
                ref readonly var key = ref table._pairs.KeyAt(order);
                var roles = table._pairs.ValueAt(order);
                var view = Of(key.Segment);
                if (!view._pairsByMac.TryGetValue(key.Mac, out var list)) view._pairsByMac[key.Mac] = list = new();
                list.Add((key.Ip, roles));
                // A source seen only with initial TTLs is the sender itself: on-link.
                if ((roles & (PairRoles.Direct | PairRoles.Routed)) == PairRoles.Direct)
                    view.DirectOwner.TryAdd(key.Ip, key.Mac);
            }
            foreach (var (segment, view) in views) view.Derive(segment, table);
            return views;
        }

        private void Derive(SegmentKey segment, NeighborTable table)
        {
            Subnets = InferSubnets(segment, _bound.Keys, DirectOwner.Keys, table.Topology);
            foreach (var (mac, pairs) in _pairsByMac)
                AddHop(segment, mac, pairs, _bound, table);
            foreach (var mac in _ownedBy.Keys)
                if (!Hops.ContainsKey(mac)) AddHop(segment, mac, [], _bound, table);
            foreach (var mac in _contestedBy.Keys)
                if (!Hops.ContainsKey(mac)) AddHop(segment, mac, [], _bound, table);
        }

        private void AddHop(SegmentKey segment, MacAddress mac, List<(NetAddress Ip, PairRoles Roles)> pairs,
                            Dictionary<NetAddress, MacAddress> bound, NeighborTable table)
        {
            var own = _ownedBy.TryGetValue(mac, out var owned) ? new List<NetAddress>(owned) : new List<NetAddress>();
            // An address another MAC took over is still this one's: both claim it.
            var contested = _contestedBy.TryGetValue(mac, out var claimed) ? claimed : [];
            foreach (var ip in contested)
                if (!own.Contains(ip)) own.Add(ip);
            // One MAC may ARP for thousands of addresses (proxy ARP): looked up in a set then; most own a few.
            var ownSet = own.Count > SmallOwnList ? new HashSet<NetAddress>(own) : null;
            own.Sort(CompareAddresses);
            // Made only when something goes in: the views are rebuilt whenever the table changed, and a site's
            // phones (or a flood from as many MACs) leave a hop per MAC, nearly all of them forwarding nothing.
            List<NetAddress>? sentDirect = null;   // sent with an initial TTL: the MAC's own packets
            List<NetAddress>? receivedOnly = null; // on-link addresses it only received for
            List<NetAddress>? served = null;
            bool router = false;
            int v4Sources = 0, v6Sources = 0;
            foreach (var (ip, roles) in pairs)
            {
                bool isSource = (roles & PairRoles.Source) != 0;
                bool ownedHere = ownSet?.Contains(ip) ?? own.Contains(ip);
                bool ownedElsewhere = bound.TryGetValue(ip, out var owner) && owner != mac;
                bool onLink = Subnet.IsLinkLocal(ip) || bound.ContainsKey(ip) || Contains(Subnets, ip);
                if (isSource && !Subnet.IsLinkLocal(ip)) { if (ip.IsV6) v6Sources++; else v4Sources++; }
                if (ownedHere) continue;
                if ((isSource && (roles & PairRoles.Routed) != 0) || ownedElsewhere || !onLink)
                {
                    router = true;
                    (served ??= []).Add(ip);
                }
                else if (isSource) (sentDirect ??= []).Add(ip);
                else (receivedOnly ??= []).Add(ip);
            }
            if (table._ndRouters.Contains(new MacKey(segment, mac))) router = true;
            if (v4Sources >= table.ManyAddressesThreshold || v6Sources >= table.ManyAddressesThreshold)
            {
                router = true;
                if (own.Count > 0) MoveAll(ref sentDirect, ref served);
            }
            // Without ARP, what a MAC sent itself names it (a router's ICMP, a host's traffic); a host also owns
            // the on-link addresses it receives for, a router only forwards them. A router that sent for many
            // addresses with an initial TTL (a NAT or bridge that does not decrement, a scan through it) forwards
            // them: they are not its own, and naming it by all of them made every sentence as long as the capture.
            if (router && sentDirect?.Count >= table.ManyAddressesThreshold) MoveAll(ref sentDirect, ref served);
            if ((own.Count == 0 || !router) && sentDirect is not null) own.AddRange(sentDirect);
            if (router) MoveAll(ref receivedOnly, ref served);
            else if (receivedOnly is not null) own.AddRange(receivedOnly);
            own.Sort(CompareAddresses);
            if (own.Count > MaxOwnAddresses) own.RemoveRange(MaxOwnAddresses, own.Count - MaxOwnAddresses);
            // A MAC that forwarded nothing has no entry: AddressesServedBy answers an empty list for it.
            if (served is not null)
            {
                served.Sort(CompareAddresses);
                Served[mac] = served;
            }
            Hops[mac] = new NextHop
            {
                Segment = segment,
                Mac = mac,
                Addresses = own,
                IsRouter = router || (table.Topology?.IsGateway(mac, own) ?? false),
                ForwardedAddressCount = served?.Count ?? 0,
                Contested = Sorted(contested),
                Name = table.Topology?.NameOf(mac) ?? FirstName(table.Topology, own),
            };
        }

        // Up to this many own addresses are searched in the list itself rather than a set built for the purpose.
        private const int SmallOwnList = 8;

        private static void MoveAll(ref List<NetAddress>? from, ref List<NetAddress>? to)
        {
            if (from is not { Count: > 0 }) return;
            (to ??= []).AddRange(from);
            from.Clear();
        }

        private static List<NetAddress> Sorted(List<NetAddress> addresses)
        {
            if (addresses.Count == 0) return [];
            var sorted = new List<NetAddress>(addresses);
            sorted.Sort(CompareAddresses);
            if (sorted.Count > MaxOwnAddresses) sorted.RemoveRange(MaxOwnAddresses, sorted.Count - MaxOwnAddresses);
            return sorted;
        }

        private static string? FirstName(TopologyFile? topology, List<NetAddress> addresses)
        {
            if (topology is null) return null;
            foreach (var ip in addresses)
                if (topology.NameOf(ip) is string name) return name;
            return null;
        }

        private static bool Contains(List<Subnet> subnets, NetAddress ip)
        {
            foreach (var s in subnets) if (s.Contains(ip)) return true;
            return false;
        }

        /// <summary>
        /// On-link addresses (ARP/ND-bound, or senders seen with an initial TTL) grouped by /16 (IPv4) or /48
        /// (IPv6); each group is one subnet as wide as its members need, but at least a /24 or /64, the sizes
        /// LANs are nearly always given. Topology subnets that hold an on-link address replace the guess.
        /// </summary>
        private static List<Subnet> InferSubnets(SegmentKey segment, IEnumerable<NetAddress> bound,
                                                 IEnumerable<NetAddress> direct, TopologyFile? topology)
        {
            var groups = new Dictionary<Subnet, Subnet>();
            var declared = new HashSet<Subnet>();
            foreach (var ip in bound.Concat(direct))
            {
                if (Subnet.IsLinkLocal(ip)) continue;
                if (topology?.SubnetOf(ip) is Subnet named) { declared.Add(named); continue; }
                var group = new Subnet(ip, ip.IsV6 ? 48 : 16);
                int widest = ip.IsV6 ? 64 : 24;
                if (groups.TryGetValue(group, out var current))
                {
                    int common = Math.Min(current.PrefixLength, Subnet.CommonPrefixLength(current.Network, ip));
                    groups[group] = new Subnet(ip, common);
                }
                else
                {
                    groups[group] = new Subnet(ip, widest);
                }
            }
            var result = new List<Subnet>(declared);
            foreach (var subnet in groups.Values)
            {
                bool covered = false;
                foreach (var d in declared) if (d.Contains(subnet.Network)) covered = true;
                if (!covered) result.Add(subnet);
            }
            result.Sort((a, b) => CompareAddresses(a.Network, b.Network));
            return result;
        }
    }

    internal static int CompareAddresses(NetAddress a, NetAddress b)
    {
        if (a.IsV6 != b.IsV6) return a.IsV6 ? 1 : -1;
        int c = a.High.CompareTo(b.High);
        return c != 0 ? c : a.Low.CompareTo(b.Low);
    }

    // The keys' hashes are seeded per process over every field (addresses, MACs and VLANs are the packets').
    private readonly record struct IpKey(SegmentKey Segment, NetAddress Ip)
    {
        public override int GetHashCode() => HashCode.Combine(Segment, Ip);
    }

    private readonly record struct MacKey(SegmentKey Segment, MacAddress Mac)
    {
        public override int GetHashCode() => HashCode.Combine(Segment, Mac);

        public bool Equals(MacKey other) =>
            Mac.Value == other.Mac.Value && Segment.Vlan == other.Segment.Vlan
            && Segment.InterfaceId == other.Segment.InterfaceId && Segment.Capture == other.Segment.Capture;

        /// <summary>The per-frame table's hash: two multiplies (<see cref="PacketHash"/>), not rounds of <see cref="HashCode"/> per field.</summary>
        public int TableHash() => PacketHash.Of(
            Mac.Value | (ulong)Segment.Vlan << 48, (ulong)(uint)Segment.Capture << 32 | (uint)Segment.InterfaceId);
    }

    /// <summary>Field-wise equality and a hash keyed per process: the per-packet lookups are this table's whole cost.</summary>
    private readonly record struct PairKey(SegmentKey Segment, MacAddress Mac, NetAddress Ip)
    {
        public bool Equals(PairKey other) =>
            Mac.Value == other.Mac.Value && Ip.Low == other.Ip.Low && Ip.High == other.Ip.High && Ip.IsV6 == other.Ip.IsV6
            && Segment.Vlan == other.Segment.Vlan && Segment.InterfaceId == other.Segment.InterfaceId && Segment.Capture == other.Segment.Capture;

        public override int GetHashCode() => PacketHash.Of(
            Ip.Low, Ip.High ^ (Ip.IsV6 ? 1UL << 63 : 0), Mac.Value | (ulong)Segment.Vlan << 48,
            (ulong)(uint)Segment.Capture << 32 | (uint)Segment.InterfaceId);
    }

    private struct Binding(MacAddress mac, long firstFrame, long lastFrame)
    {
        public MacAddress Mac = mac;
        public long FirstFrame = firstFrame;
        public long LastFrame = lastFrame;
    }

    [Flags]
    private enum PairRoles : byte
    {
        None = 0,
        Source = 1,
        Destination = 2,
        Direct = 4,
        Routed = 8,
    }

    private readonly record struct RecentPair(PairKey Key, PairRoles Roles);
}
