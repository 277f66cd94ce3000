using System.Text;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of an icmp-error finding: each reporting router and reason once, with what it quoted.</summary>
internal static class IcmpErrorText
{
    /// <param name="errors">The problem's errors (<see cref="PathFindingContext.IcmpErrors"/>).</param>
    /// <param name="closed">The endpoint they all say is closed (<see cref="ClosedEndpoint"/>), else null.</param>
    /// <param name="closedAtClient">Whether that endpoint is the client's (<see cref="AtClient"/>).</param>
    /// <param name="requestUndelivered">Whether they all report the client's requests as undelivered (<see cref="RequestUndelivered"/>).</param>
    /// <param name="recovered">Whether every exchange they are about ended well anyway (<see cref="IcmpErrorEvidence.Recovered"/>).</param>
    public static FindingText Write(PathProblem p, PathFindingContext c, List<(IcmpError Error, TransactionPath? Path)> errors,
        string? closed, bool closedAtClient, bool requestUndelivered, bool recovered)
    {
        if (closed is not null) return ClosedPort(errors, closed, closedAtClient);
        bool dropped = errors.Exists(x => FindingClassifier.Drops(x.Error.Kind));
        var first = errors[0].Error;
        var reporter = c.Hop(first.Segment, first.ReporterMac);
        var text = new StringBuilder();
        // One sentence per reporter (the ICMP's source address) and reason: the same errors seen at several capture
        // points, or forwarded by a router on the way (its MAC then is the router's), are still the reporter's.
        foreach (var about in errors.GroupBy(x => (x.Error.ReporterIp, x.Error.Reason)).Take(MaxListed))
        {
            var (ip, reason) = about.Key;
            var sightings = about.ToList();
            var (firstSeen, hop, own) = Sighting(c, sightings, ip);
            string who = own ? Upper(hop.Describe())
                : hop.Addresses.Count == 0 ? Upper(WithAddress(hop, ip).Describe()) : $"{ip} (by way of {hop.Describe()})";
            var quoted = QuotedMessage(firstSeen.Error, firstSeen.Path);
            int times = IcmpError.TimesSent(sightings.Select(x => x.Error));
            text.Append($"{who} answered {quoted} with ICMP \u201c{reason}\u201d")
                .Append($" ({Times(times, "time")}, first in frame {firstSeen.Error.Frame.Frame}). ");
        }
        if (errors.Exists(x => x.Error.Kind == IcmpErrorKind.Redirect))
            text.Append("A redirect means the router saw the packet leave the way it came in: the sender used the wrong next hop, and the router names the right one. ");
        if (dropped) text.Append(recovered ? "The copies it reports on were not delivered" : "The packets it reports on were not delivered.");
        if (recovered) text.Append(Recovery(p, errors));
        if (requestUndelivered)
            text.Append(p.Paths.Count > 0
                ? $" They are the client's own requests on their way to {ServerOf(p)}: it never received them, so it had nothing to answer."
                : $" They are the client's connection attempts to {ServerOf(p)}: the connection never reached it.");
        return new FindingText(
            $"{Name(reporter)} answered SIP traffic of {p.Client} with ICMP \u201c{first.Reason}\u201d.",
            text.ToString().TrimEnd(),
            !dropped ? "None by itself; it points at a routing mistake on the sender's side."
            : recovered ? "At most a short delay (one retransmission); nothing else the user sees."
            : p.Paths.Count > 0 ? ClientSymptoms.LostResponses(p.Paths, c) : ClientSymptoms.ConnectionUnreachable);
    }

    // What got through after the dropped copies: the exchange's answer, or the connection.
    private static string Recovery(PathProblem p, List<(IcmpError Error, TransactionPath? Path)> errors)
    {
        string how = errors.TrueForAll(x => x.Error.Kind == IcmpErrorKind.PacketTooBig)
            ? "; the sender learned the smaller path MTU from it and sent the next copy in fragments"
            : "; a later copy got through";
        if (p.Paths.Count > 0 && p.Paths[0].FinalResponse is { } final && final.Messages.Count > 0)
        {
            var t = p.Paths[0].Transaction;
            return $"{how}, and {t.Method} CSeq {t.CSeq} was answered {final.Status} (frame {final.Messages[0].Frame.Frame}): the loss cost a retransmission, not the exchange.";
        }
        return $"{how}, and the connection came up: the loss cost a retransmission, not the connection.";
    }

    /// <summary>
    /// The router that sent the first error, named from a sighting on its own link when there is one (there its MAC
    /// is the router's; an error forwarded by another router carries that router's MAC).
    /// </summary>
    public static NextHop Reporter(PathFindingContext c, List<(IcmpError Error, TransactionPath? Path)> errors)
    {
        var ip = errors[0].Error.ReporterIp;
        var (_, hop, own) = Sighting(c, errors.FindAll(x => x.Error.ReporterIp == ip), ip);
        return own || hop.Addresses.Count > 0 ? hop : WithAddress(hop, ip);
    }

    private static ((IcmpError Error, TransactionPath? Path) Seen, NextHop Hop, bool Own) Sighting(
        PathFindingContext c, List<(IcmpError Error, TransactionPath? Path)> sightings, NetAddress ip)
    {
        var hops = sightings.Select(x => (Seen: x, Hop: c.Hop(x.Error.Segment, x.Error.ReporterMac))).ToList();
        var own = hops.FindIndex(x => x.Hop.Addresses.Contains(ip));
        var (seen, hop) = hops[Math.Max(own, 0)];
        return (seen, hop, own >= 0);
    }

    /// <summary>
    /// Whether every error reports a packet the client sent toward the server that a router on the way could not
    /// forward (<see cref="IcmpError.ForwardingFailed"/>).
    /// </summary>
    public static bool RequestUndelivered(PathProblem p, List<(IcmpError Error, TransactionPath? Path)> errors)
    {
        if (errors.Count == 0) return false;
        var client = ClientIpOf(p);
        if (client.IsNone) return false;
        return errors.TrueForAll(x => x.Error.ForwardingFailed && x.Error.Quoted.Source == client);
    }

    // The client's address: its first request's source, or its connection's.
    private static NetAddress ClientIpOf(PathProblem p) =>
        p.Paths.Count > 0 && p.Paths[0].Transaction.FirstRequest is { } request ? request.Meta.SourceIp
        : p.Handshakes.Count > 0 ? p.Handshakes[0].Key.Client
        : default;

    private static string ServerOf(PathProblem p) =>
        p.Paths.Count > 0 ? p.Paths[0].Transaction.Server
        : p.Handshakes.Count > 0 ? p.Handshakes[0].Key.ServerEndpoint : "the server";

    /// <summary>The one endpoint every error says is closed (a port unreachable from the host itself), else null.</summary>
    public static string? ClosedEndpoint(List<(IcmpError Error, TransactionPath? Path)> errors)
    {
        if (errors.Count == 0 || !errors.TrueForAll(x => x.Error.FromClosedPort)) return null;
        var q = errors[0].Error.Quoted;
        return errors.TrueForAll(x => x.Error.Quoted.Destination == q.Destination && x.Error.Quoted.DestinationPort == q.DestinationPort)
            ? q.Destination.ToString(q.DestinationPort)
            : null;
    }

    /// <summary>
    /// Whether the refused packets went to the client (answers to it: by address, since the port it is answered on
    /// is the one its Via names) rather than to the server.
    /// </summary>
    public static bool AtClient(PathProblem p, List<(IcmpError Error, TransactionPath? Path)> errors)
    {
        var client = ClientIpOf(p);
        return !client.IsNone && client == errors[0].Error.Quoted.Destination;
    }

    // The addressed host itself refused the packet: nothing listens there, and no router is to blame.
    private static FindingText ClosedPort(List<(IcmpError Error, TransactionPath? Path)> errors, string endpoint, bool client)
    {
        var first = errors[0];
        string quoted = QuotedMessage(first.Error, first.Path);
        string explanation = $"{endpoint} answered {quoted} with ICMP \u201cport unreachable\u201d ({Times(errors.Count, "time")}, first in frame "
            + $"{first.Error.Frame.Frame}). A port reported unreachable by the addressed host itself is no routing error: the packet arrived "
            + "and no socket took it. "
            + (client
                ? "The client does not listen on the port its Via names (where answers go): it crashed or restarted, it announced a port it never opened, or it was a tool that sends and quits, as scanners do."
                : "Nothing on the server listens on that port: its SIP service is down or restarting, or the clients send to another port than it listens on.");
        return new FindingText(
            $"Nothing listens on {endpoint}: {(client ? "the client" : "the server")} itself answered {quoted} with ICMP \u201cport unreachable\u201d.",
            explanation,
            client
                ? "None from the network: the client no longer listens on that port; a phone that restarted registers again from its new port."
                : "Registrations and calls to this port fail at once: the phone shows the server as unreachable or the registration as failed.");
    }

    private static NextHop WithAddress(NextHop hop, NetAddress ip) => new()
    {
        Segment = hop.Segment, Mac = hop.Mac, Addresses = [ip], IsRouter = hop.IsRouter,
        ForwardedAddressCount = hop.ForwardedAddressCount, Name = hop.Name,
    };

    private static string QuotedMessage(IcmpError e, TransactionPath? path)
    {
        if (path is null)
            return e.Quoted.Protocol == 6
                ? $"a TCP segment from {e.Quoted.Source.ToString(e.Quoted.SourcePort)} to {e.Quoted.Destination.ToString(e.Quoted.DestinationPort)}"
                : $"a packet from {e.Quoted.Source} to {e.Quoted.Destination}";
        var t = path.Transaction;
        foreach (var g in t.Responses)
            foreach (var m in g.Messages)
                if (m.Meta.SourceIp == e.Quoted.Source && m.Meta.DestinationIp == e.Quoted.Destination)
                    return $"the {g.Status} to {m.Destination} (frame {m.Frame.Frame})";
        return $"the {t.Method} from {t.Client}";
    }
}
