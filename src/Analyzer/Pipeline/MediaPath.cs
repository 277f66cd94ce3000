using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Whether media between a call's SDP addresses has to pass a capture point. Signalling goes through the PBX
/// while audio often goes phone to phone (direct media): a PBX uplink then sees none of it, and that is not a
/// fault. A point captured on one device's port sees media only when that device is an SDP endpoint (the PBX
/// anchors media) or routes between the two endpoints (exactly one of them on its link); a shared segment
/// sees it when an endpoint is on the link. Without MACs nothing is known, and media stays owed, as before.
/// </summary>
internal static class MediaPath
{
    public static bool Passes(CapturePoint point, PathEvidence evidence, MediaSession session)
    {
        if (!point.KnowsLinkLayer) return true;
        var endpoints = Endpoints(session);
        if (endpoints.Count == 0) return true;
        var owner = point.PortOwnerMac;
        foreach (var segment in Segments(point, evidence))
        {
            int local = 0;
            foreach (var ip in endpoints)
                if (evidence.Neighbors.IsOnLink(segment, ip)) local++;
            if (owner.IsNone)
            {
                if (local > 0) return true;
                continue;
            }
            var hop = evidence.Neighbors.NextHop(segment, owner);
            foreach (var ip in endpoints)
                if (Contains(hop.Addresses, ip)) return true;
            if (hop.IsRouter && local > 0 && local < endpoints.Count) return true;
        }
        return false;
    }

    private static List<NetAddress> Endpoints(MediaSession s)
    {
        var list = new List<NetAddress>(2);
        if (s.Offer is { } o && !o.Endpoint.Address.IsNone) list.Add(o.Endpoint.Address);
        if (s.Answer is { } a && !a.Endpoint.Address.IsNone && !list.Contains(a.Endpoint.Address)) list.Add(a.Endpoint.Address);
        return list;
    }

    private static IEnumerable<SegmentKey> Segments(CapturePoint point, PathEvidence evidence)
    {
        foreach (var segment in evidence.Neighbors.Segments)
            if (segment.InterfaceId == point.InterfaceId && point.Captures.Contains(segment.Capture))
                yield return segment;
    }

    private static bool Contains(IReadOnlyList<NetAddress> addresses, NetAddress ip)
    {
        foreach (var a in addresses) if (a == ip) return true;
        return false;
    }
}
