using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>
/// The words of a cause, one template per kind, so every report says the same thing the same way: what is
/// wrong (with addresses), and what to change — or, when the capture cannot tell the right value, that it
/// cannot, instead of a guess.
/// </summary>
public static class CauseText
{
    public static void Describe(Cause c, Finding lead)
    {
        string server = c.Server ?? "the server";
        string target = Target(c);
        string wrong = Hop(c.WrongNextHop);
        string right = Hop(c.RightNextHop);
        bool rightKnown = c.RightNextHop is { IsRouter: true } && !c.RightNextHop.Address.IsNone;
        switch (c.Kind)
        {
            case CauseKind.WrongGatewayRoute when RequestsStraightFromClients(c):
                c.Summary = $"{server} sends its replies for {target} to {wrong}, although {Their(c)} requests come straight from {Them(c)}, on its link: the replies never reach {Them(c)}.";
                c.Fix = $"On {server}, reach {target} directly (its requests arrive without a router), not via {Ip(c.WrongNextHop)}: remove that route or correct the subnet mask.";
                break;
            case CauseKind.WrongGatewayRoute:
                c.Summary = $"{server} sends its replies for {target} to {wrong}, while {Their(c)} requests arrive from {right}: the replies never reach {Them(c)}.";
                c.Fix = rightKnown
                    ? $"On {server}, route {target} via {c.RightNextHop!.Address} (where its requests come from), not via {Ip(c.WrongNextHop)}."
                    : $"On {server}, the route for {target} points to {wrong}, which does not deliver; the right gateway is not known from this capture (no request from {target} was seen arriving through a router): route it via the router that serves {target}.";
                break;
            case CauseKind.AddressConflict:
                var shared = c.WrongNextHop?.SharedAddressWith(c.RightNextHop);
                c.Summary = $"Two devices claim {shared} on {server}'s link: {c.RightNextHop!.Mac}, where the requests of {target} come from, and "
                            + $"{c.WrongNextHop!.Mac}, which {server}'s ARP entry for {shared} holds: its replies go there and never reach {Them(c)}.";
                c.Fix = $"Find the device with MAC {c.WrongNextHop.Mac} (the switch's MAC address table names its port) and take {shared} off it "
                        + "(a router plugged in with its default address, a host given the gateway's address, or ARP spoofing); then clear "
                        + $"{server}'s ARP entry for {shared} (ip neigh flush to {shared}, arp -d). The route on {server} is right.";
                break;
            case CauseKind.RouteChanged:
                c.Summary = $"{server}'s route to {target} changed at {Timestamps.Clock(c.FirstSeenNs)}: replies went via {right} before, then via {wrong}"
                            + (c.Severity == Severity.Error ? ", and have been lost since." : ".");
                c.Fix = c.Severity == Severity.Error && !Ip(c.RightNextHop).Equals("?")
                    ? $"On {server}, restore the route for {target} via {Ip(c.RightNextHop)} (it worked until the change), not via {Ip(c.WrongNextHop)}."
                    : $"Check what changed the route on {server} for {target} (failover, a routing protocol, a manual change).";
                break;
            case CauseKind.AsymmetricRoute:
                const string halves = "today a firewall, NAT or SIP ALG on either route sees half of each exchange.";
                if (IsHost(c.WrongNextHop, c.Server))
                {
                    // Seen from the clients' side: the server answers them straight on their link, while they send
                    // through a router. The detour is theirs; "route via the router too" would break a direct path.
                    string their = c.ClientCount == 1 ? "its" : "their";
                    string onClients = c.ClientCount == 1 ? $"On the client {c.Clients[0]}" : $"On the clients in {target}";
                    c.Summary = $"Requests from {target} reach {server} through {right}, while {server} answers {Them(c)} directly, on {their} link; they still arrive.";
                    c.Fix = $"{onClients}, reach {server} directly (it is on {their} link: it answers without a router), not via {Ip(c.RightNextHop)}: check {their} route to it or {their} subnet mask; {halves}";
                }
                else if (IsHost(c.RightNextHop, c.Server))
                {
                    // Seen where the requests are delivered to the server (its own link): the hop they were last
                    // sent to is the server itself, so it names no gateway; the replies' detour is still the server's.
                    c.Summary = $"{server}'s replies to {target} leave via {wrong}, while the requests are delivered to it by another hop on its link; they still arrive.";
                    c.Fix = $"On {server}, route {target} via the router that delivers its requests (the one they come in from), not via {Ip(c.WrongNextHop)}; {halves}";
                }
                else if (RequestsStraightFromClients(c))
                {
                    // The requests come straight from the clients: they share the server's link, and a router has
                    // no business in the replies' way. The right "next hop" is no gateway to route via.
                    c.Summary = $"{server}'s replies to {target} leave via {wrong}, while the requests come straight from {Them(c)}, on the same link; they still arrive.";
                    c.Fix = $"On {server}, reach {target} directly (its requests arrive without a router), not via {Ip(c.WrongNextHop)}: remove that route or correct the subnet mask; {halves}";
                }
                else
                {
                    c.Summary = $"{server}'s replies to {target} leave via {wrong}, while the requests arrive from {right}; they still arrive.";
                    c.Fix = $"On {server}, route {target} via {Ip(c.RightNextHop)} too, so replies take the path the requests take; {halves}";
                }
                break;
            // The capture shows the requests' router but not where the replies went (a Linux cooked capture on the server).
            case CauseKind.LostBeyondNextHop when c.WrongNextHop is null:
            {
                c.Summary = $"{server}'s replies to {target} never reach {Them(c)}; this capture does not record which next hop they leave through.";
                // The ARP the server sent says more than the capture's MACs can: the gateway its route names, most likely.
                string? likely = c.Findings.Select(f => (f.Evidence as Paths.ResponseLostEvidence)?.LikelyNextHop).OfType<string>()
                    .GroupBy(x => x, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
                c.Fix = likely is not null && c.RightNextHop is { } requestRouter
                    ? $"On {server}, route {target} via {Ip(requestRouter)} (where its requests come from): around its replies it asked {(likely.Contains(':') ? "neighbour discovery" : "ARP")} for {likely} and never "
                      + $"for {Ip(requestRouter)}, so its route most likely sends them to {likely}. `ip route get` one of the clients on {server} shows it; "
                      + "a capture on its own interface (tcpdump -i <interface>, not -i any) records each packet's next hop."
                    : $"Find where {server} sends its replies to {target}: `ip route get` one of the clients on it, or capture on its own interface "
                      + "(tcpdump -i <interface>, not -i any), which records each packet's next hop. "
                      + (c.RightNextHop is { } came ? $"The requests come from {Hop(came)}: the replies should leave through it; " : "")
                      + "if they do, the loss is beyond it (firewall, NAT, SIP ALG, the clients' own network).";
                break;
            }
            case CauseKind.LostBeyondNextHop:
                c.Summary = $"{server}'s replies to {target} leave toward the right next hop {wrong}, but never reach {Them(c)}.";
                c.Fix = $"Check {Ip(c.WrongNextHop)} and what lies beyond it toward {target} (firewall, NAT, SIP ALG, the clients' own network): the replies are lost there.";
                break;
            case CauseKind.ClientsTakenOnLink:
                int asked = c.Findings.Sum(f => f.Evidence switch
                {
                    RequestUnansweredEvidence u => u.ServerAskedForClient,
                    ConnectionUnansweredEvidence t => t.ServerAskedForClient,
                    _ => 0,
                });
                c.Summary = $"{server} takes {target} for its own link: it asks ARP for {Them(c)} ({Count(asked, "request")}, none answered) "
                            + $"instead of sending its replies to {right}, where {Their(c)} requests come from, so nothing it sends {Them(c)} ever leaves it.";
                c.Fix = $"On {server}, correct the subnet mask of its address (it takes in {target}) or remove the on-link route that covers {target}, "
                        + (rightKnown ? $"and route {target} via {c.RightNextHop!.Address}. " : "and route it via the router its requests come through. ")
                        + "Nothing is wrong with the phones or their passwords.";
                break;
            // The same clients' REGISTERs are answered the same way: the route works both ways, something drops the calls.
            case CauseKind.ServerSilent when c.AffectedAnswered > 0 && c.Findings.TrueForAll(f => f.Kind == FindingKind.InviteUnanswered):
                // Calls that work but for a few (each finding a warning): say how many, not that calls fail.
                int missed = c.Findings.Sum(f => f.Count);
                c.Summary = c.Severity == Severity.Warning
                    ? $"{Count(missed, "INVITE")} of {target} to {server} got no answer at all, while {Their(c)} other calls were answered."
                    : c.AffectedRegistered > 0
                    ? $"The INVITEs of {target} to {server} get no answer at all, while {Their(c)} REGISTERs are answered: calls fail, registration works."
                    : $"The INVITEs of {target} to {server} get no answer at all, while {Their(c)} other requests are answered.";
                c.Fix = $"The route works both ways ({(c.AffectedRegistered > 0 ? "the REGISTERs'" : "the other")} answers arrive), so something drops or ignores the INVITEs: on {server}, a firewall "
                        + $"rule or ACL for calls, an intrusion filter (fail2ban, a SIP firewall) that blocked {Them(c)}, or its call policy for {target}; "
                        + "on the way, a firewall or SIP ALG that filters INVITEs. A capture on the server's uplink shows whether they arrive; its logs, "
                        + "whether it refused them.";
                break;
            case CauseKind.ServerSilent when RequestsStraightFromClients(c):
                c.Summary = $"{server} leaves the {Requests(c)} of {target} unanswered (they come straight from {Them(c)}, on its link).";
                c.Fix = $"On {server}, check why it does not answer {Them(c)} on its own link: a firewall or ACL, its subnet mask or a route "
                        + $"that sends the replies elsewhere, or the registrar's own limits.";
                break;
            // Seen from the clients' side, no answer proves only that none came back: the hop is the clients' way out.
            case CauseKind.ServerSilent when c.Findings.TrueForAll(f => f.Evidence is not RequestUnansweredEvidence u || u.Path.Side == PathSide.Client):
                c.Summary = $"No answer to the {Requests(c)} of {target} came back from {server}" + (c.RightNextHop is null ? "" : $" (they leave through {right})")
                            + ": it sends none, or its replies are lost on the way (this capture, on the clients' side, cannot see which).";
                c.Fix = $"Check whether {server} answers at all (a capture on its uplink, or its logs); if it does, follow the replies back: its route "
                        + $"to {target}" + (rightKnown ? $" and the firewall or NAT at {c.RightNextHop!.Address}, which the requests leave through." : ".");
                break;
            // Seen from a router's leg, no answer proves only that none came back that way.
            case CauseKind.ServerSilent when !c.Findings.Exists(f => f.Evidence is RequestUnansweredEvidence { SeesServerTraffic: true }):
                c.Summary = $"No answer to the {Requests(c)} of {target} " + (c.RightNextHop is null ? "was captured" : $"comes back through {right}")
                            + $": {server} sends none, or sends them another way (this capture cannot see which).";
                c.Fix = $"On {server}, check the route back to {target}"
                        + (rightKnown ? $" (it should go via {c.RightNextHop!.Address}, where the requests come in)" : "")
                        + $" and any firewall or ACL that drops these requests or their replies; a capture on {server}'s own uplink shows whether "
                        + "the replies leave, and toward which gateway.";
                // Another device announces the router's own address on this link: where the replies may well be going.
                // (Not when the "router" is a client itself, as a damaged capture can make it.)
                if (c.RightNextHop is { IsRouter: true, Contested: [var contested, ..] } router
                    && !c.Clients.Exists(x => EndpointText.HostOf(x) == contested.ToString()))
                    c.Fix += $" Another device on this link announces {contested}, {router.Mac}'s own address (ARP): if {server}'s ARP entry "
                             + $"for {contested} holds that device, the replies go to it — take the address off it and clear that entry.";
                break;
            case CauseKind.ServerSilent:
                c.Summary = $"{server} leaves the {Requests(c)} of {target} unanswered" + (c.RightNextHop is null ? "." : $" (they arrive from {right}).");
                c.Fix = $"On {server}, check the route back to {target}"
                        + (rightKnown ? $" (it should go via {c.RightNextHop!.Address}, where the requests come in)" : "")
                        + " and any firewall or ACL that drops these requests or their replies.";
                break;
            case CauseKind.PasswordGuessing:
            {
                bool guessedCalls = c.Findings.Exists(f => f.Kind == FindingKind.TollFraudAttempt);
                bool registrations = c.Findings.Exists(f => f.Kind != FindingKind.TollFraudAttempt);
                bool together = c.Findings.Exists(f => f.Evidence is Paths.RegistrationRejectedEvidence { GroupAttempts: > 0 });
                string guessing = $"Password {(Sprayed(c) > 1 ? "spraying" : "guessing")}";
                long refusedCalls = CallAttempts(c), acceptedCalls = AcceptedCalls(c);
                string tried = $"tried {AtLeast(c, calls: true)}{N(refusedCalls + acceptedCalls)} calls with guessed credentials"
                               + (acceptedCalls > 0 ? $"; {N(refusedCalls)} were refused and {N(acceptedCalls)} accepted: a password is known to the callers." : ", every one refused.");
                c.Summary = c.Findings.Count == 1 ? lead.Summary
                    // Guessed calls are what the cause is about when every finding is one: calls, not registrations.
                    : !registrations ? $"Toll-fraud attempts at {server}: {Count(c.ClientCount, "source")} ({Clients(c)}) {tried}"
                    : !guessedCalls ? $"{guessing} at the registrar {server}: {Count(c.ClientCount, "source")} ({Clients(c)}) made {AtLeast(c, calls: false)}{N(RegistrationAttempts(c))} attempts{GuessedUsers(c)}, every one refused."
                    // Both, as an attack goes: passwords guessed at the registrar, calls made with them.
                    : $"{guessing} and toll-fraud attempts at {server}: {Count(c.ClientCount, "source")} ({Clients(c)}) made {AtLeast(c, calls: false)}{N(RegistrationAttempts(c))} "
                      + $"attempts{(GuessedUsers(c) is { Length: > 0 } users ? users : " to register")}, every one refused, and {tried}";
                // Calls out are what toll fraud is after: who may make them, and where to. Addresses taking turns stay under any
                // per-address limit: the registrar has to be closed to where they come from.
                string closeRegistrar = "Allow registrations only from your own networks (or through a VPN) and rate-limit refused registrations per user as well as per "
                    + "address (fail2ban, the PBX's own limits): these addresses take turns, so blocking them one by one does not keep up.";
                c.Fix = guessedCalls
                    ? (c.Findings.Exists(f => f.Evidence is Paths.TollFraudEvidence { Accepted: > 0 })
                        ? "Change the password the accepted calls used now and check the calls made with it (the server's call records). " : "")
                      + $"Block {(c.ClientCount == 1 ? "the source" : "these sources")} at the edge; let only your own phones and trunks call out, "
                      + "restrict the dial plan to the prefixes you need (international and premium numbers behind a PIN or not at all), and keep "
                      + "the extensions' passwords strong. " + (together ? closeRegistrar + " " : "") + "No phone is misconfigured: the refused passwords were guesses."
                    : together
                    ? closeRegistrar + " Keep the extensions' passwords strong; no phone is misconfigured: the refused passwords were guesses."
                    : $"Block {(c.ClientCount == 1 ? "the source" : "these sources")} at the edge (firewall, fail2ban) and keep the extensions' passwords strong; "
                      + "no phone is misconfigured: the refused passwords were guesses.";
                break;
            }
            case CauseKind.RegistrationRefused when lead.Evidence is Paths.RegistrationRejectedEvidence { FinalStatus: 404 or 604 }:
                c.Summary = $"The registrar {server} answered the REGISTERs of {Count(c.ClientCount, "client")} ({Clients(c)}) with 404 Not Found before asking for a password: it does not know their users.";
                c.Fix = "Check the extension (user name) configured on the phone against the registrar's, or create it there: no password was checked, "
                        + "so changing one will not help, and the answer reached the phone, so this is not a routing problem.";
                break;
            case CauseKind.RegistrationRefused:
                c.Summary = $"The registrar {server} refused the registrations of {Count(c.ClientCount, "client")} ({Clients(c)}) before asking for a password "
                            + $"({string.Join(", ", c.Findings.Select(f => (f.Evidence as Paths.RegistrationRejectedEvidence)?.FinalStatus).OfType<int>().Distinct().Order().Take(3))}).";
                c.Fix = "Look at the registrar's rules for these addresses and users — an ACL or permit/deny list, a SIP port limited to known networks, a "
                        + "disabled extension, a limit on registrations: no password was checked, and the answer reached the phone, so this is not a routing problem.";
                break;
            case CauseKind.CredentialsRejected:
            {
                // A gateway's lines are one client and many users: each needs its password put right.
                long users = c.Findings.Sum(f => (long)((f.Evidence as Paths.RegistrationRejectedEvidence)?.Users ?? 1));
                bool lines = users > c.Findings.Count;
                c.Summary = $"The registrar {server} rejected the credentials of {Count(c.ClientCount, "client")} ({Clients(c)})"
                            + (lines ? $" for {users.ToString("N0", CultureInfo.InvariantCulture)} users." : ".");
                c.Fix = lines
                    ? "Correct the passwords configured for these users on the phones and devices that register them (a gateway's lines, an ATA's ports), or on the registrar: the challenges reached the clients and their answers were refused, so this is not a routing problem."
                    : "Correct the password configured on the phone (or on the registrar): the challenge reached the phone and its answer was refused, so this is not a routing problem.";
                break;
            }
            // Copies lost and made up for by the next: a note about the network, with what would make it fail.
            case CauseKind.NetworkError when c.Findings.TrueForAll(f => f.Evidence is IcmpErrorEvidence { Recovered: true }):
                c.Summary = lead.Summary;
                c.Fix = lead.Evidence is IcmpErrorEvidence { TooBig: true }
                    ? "Nothing broke: the senders learned the smaller path MTU from these ICMP errors and sent their next copies in fragments. "
                      + "A phone or firewall that ignores or blocks them would fail here outright (its large messages would never get through): "
                      + "raise that link's MTU (a tunnel or VPN is the usual culprit) or use SIP over TCP to be safe."
                    : "Nothing broke: a later copy got through and was answered. If it recurs, the router that sent the ICMP errors could not "
                      + "deliver a copy for a moment (an ARP lookup that failed, a route that flapped): its logs say which.";
                break;
            case CauseKind.NetworkError:
                c.Summary = lead.Summary;
                c.Fix = lead.Evidence is IcmpErrorEvidence { TooBig: true }
                    ? "A link on the way carries smaller packets than these, and the sender forbade fragmenting them (Don't Fragment, "
                      + "or IPv6): the router that sent the ICMP errors names that link's MTU. Let the sender fragment SIP over UDP (path "
                      + "MTU discovery off for it), use SIP over TCP (RFC 3261 §18.1.1), send smaller messages (fewer codecs), or raise "
                      + "the MTU of that link (a tunnel or VPN is the usual culprit)."
                    : lead.Evidence is IcmpErrorEvidence { ClosedEndpoint: { } closed } icmp
                    ? icmp.ClosedAtClient
                        ? $"No network change: nothing at {closed} takes the answers. If it is a phone, make it listen on the port its Via announces (or find why it restarted); if it is not one of yours (a scanner), block it."
                        : $"Start the SIP service on {closed}, or point the clients at the port it listens on: nothing is wrong with the route."
                    : "Check the routing at the router that sent the ICMP errors: they name the packets it could not deliver.";
                break;
            case CauseKind.ConnectionRefused:
                string endpoint = lead.Server ?? server;
                c.Summary = $"{endpoint} refuses the TCP connections of {target}: it answers each SYN with a reset, so no SIP message can be sent over TCP.";
                c.Fix = $"Nothing on {endpoint} accepts SIP over TCP: turn on the server's TCP transport on that port (or open it in the server's "
                        + $"firewall), or set {(c.ClientCount == 1 ? "the phone" : "these phones")} to the transport the server takes (UDP). "
                        + "The route is fine: the resets come back.";
                break;
            case CauseKind.RequestUndelivered:
                DescribeUndelivered(c, lead, server, target);
                break;
            case CauseKind.NatBindingExpired:
                var idles = c.Findings.Select(f => f.Evidence).OfType<NatBindingExpiredEvidence>().Select(e => e.IdleSeconds).ToList();
                string nat = lead.ClientIp.ToString();
                string idle = idles.Count == 0 ? "?" : idles.Min() == idles.Max()
                    ? idles[0].ToString("0.#", CultureInfo.InvariantCulture)
                    : $"{idles.Min().ToString("0.#", CultureInfo.InvariantCulture)}–{idles.Max().ToString("0.#", CultureInfo.InvariantCulture)}";
                c.Summary = $"Calls to {target} never ring: {server} sends them to the address and port each phone registered from through "
                            + $"the NAT at {nat}, {idle} s after the phone's last packet, and the NAT's binding for it has expired "
                            + (c.Findings.Exists(f => f.Evidence is NatBindingExpiredEvidence { IcmpErrors: > 0 }) ? "(it answers ICMP port unreachable)." : "(nothing answers).");
                c.Fix = $"Keep the NAT's bindings open: have {server} send keepalives to phones behind NAT more often than the NAT's UDP timeout "
                        + "(Asterisk qualify=yes with a short qualifyfreq, Kamailio nathelper's NAT pinging, FreeSWITCH nat-options-ping), or turn on "
                        + "the phones' keep-alive (CRLF or OPTIONS every 15–30 s), or have them re-register more often than the NAT forgets; "
                        + $"or raise the UDP timeout for SIP on the NAT at {nat}. The route is fine: outgoing calls and registrations work.";
                break;
            case CauseKind.RepliesMisaddressed:
                DescribeMisaddressed(c, server, target);
                break;
            case CauseKind.MediaBlocked:
                // One call can miss several media (its audio, one direction of its video): it is still one call.
                int calls = c.Findings.Select(f => f.CallId).Distinct(StringComparer.Ordinal).Count();
                c.Summary = c.Findings.Count == 1 ? lead.Summary
                    : calls == 1 ? $"{lead.Summary} ({Count(c.Findings.Count - 1, "more finding")} on this call's media)"
                    : $"{Count(calls, "call")} miss media in one or both directions.";
                c.Fix = "Open the media path between the addresses the SDP names (the RTP ports): a firewall, NAT or a missing route drops the missing direction.";
                break;
            case CauseKind.MediaSource when c.Severity == Severity.Info:
                c.Summary = c.Findings.Count == 1 ? lead.Summary
                    : $"In {Count(c.Findings.Count, "stream")} media comes from another address than the SDP announced, and the media goes back there (symmetric RTP): both directions flow.";
                c.Fix = "Nothing to change: the other side answers the media where it comes from (symmetric RTP, as a PBX's NAT handling does). Only an "
                        + "endpoint that follows the SDP would send into the void; for one, make the SDP show the real address (STUN, or the NAT's SIP settings).";
                break;
            case CauseKind.MediaSource:
                c.Summary = c.Findings.Count == 1 ? lead.Summary : $"In {Count(c.Findings.Count, "stream")} media comes from another address than the SDP announced.";
                c.Fix = "Make the SDP match the media: enable the PBX's NAT handling for these phones, or turn off the SIP ALG that rewrites one side only.";
                break;
            case CauseKind.MediaQuality when c.Findings.TrueForAll(f => f.Evidence is Rtp.RtpStreamEvidence { GapMs: not null }):
                c.Summary = c.Findings.Count == 1 ? lead.Summary : $"{Count(c.Findings.Count, "RTP stream")} stop for a while and come back.";
                c.Fix = "Find what stopped the media for that long: a hold, a re-INVITE that moved it, a path change or failover, a firewall that dropped "
                        + "the flow. The sender numbered the missing packets, so it sent them: a capture where the media flows shows which way they went.";
                break;
            case CauseKind.MediaQuality:
                // One stream can have several findings (loss, jitter, a poor MOS): its filter names the stream.
                int streams = c.Findings.Select(f => f.WiresharkFilter ?? f.Id).Distinct(StringComparer.Ordinal).Count();
                c.Summary = streams == 1 ? lead.Summary : $"{Count(streams, "RTP stream")} lose packets or jitter enough to hear.";
                c.Fix = "Check the media path's load and QoS (DSCP EF for RTP) between the endpoints of these streams.";
                break;
            case CauseKind.MediaNotOnPath:
                c.Summary = lead.Summary;
                c.Fix = "To judge the audio of these calls, capture where the media flows: on the phones' side of the router or on a mirror port of their switch.";
                break;
            case CauseKind.MediaNotCaptured:
                c.Summary = lead.Summary;
                c.Fix = "To judge the audio, capture the media too: drop the port filter (capture `udp`, or `host` of a phone) "
                        + "or take the capture where the RTP flows.";
                break;
            case CauseKind.SipAlg:
                c.Summary = lead.Summary;
                c.Fix = "Turn off the SIP ALG (SIP helper, SIP fixup) on the device between the capture points; let the PBX handle NAT.";
                break;
            case CauseKind.FragmentsDropped:
                DescribeDroppedFragments(c, lead);
                break;
            case CauseKind.SipScan:
                c.Summary = Scans.ScanShares.AllPoints(c.Findings, lead) is { } shares ? $"{lead.Summary} {shares}" : lead.Summary;
                if (ScanSweeps.OtherEndpoints(c.Findings, lead) is { } sweep) c.Summary += " " + sweep;
                c.Fix = lead.Evidence is Scans.SipScanEvidence { RegisteredAors.Count: > 0 } scan
                    ? $"Change the password of {string.Join(", ", scan.RegisteredAors)} now (the scanner registered as {(scan.RegisteredAors.Count == 1 ? "it" : "them")}) and check the calls made through {(scan.RegisteredAors.Count == 1 ? "it" : "them")}; then block or rate-limit the scanning sources at the edge (firewall, fail2ban)."
                    : "Block or rate-limit the scanning sources at the edge (firewall, fail2ban); it is noise, not why phones fail.";
                break;
            default:
                c.Summary = lead.Summary;
                c.Fix = "See the findings below.";
                break;
        }
    }

    // Where the fragments die is known when a capture point saw the message whole and a later one in part; else only
    // that something on the way from the sender drops them.
    private static void DescribeDroppedFragments(Cause c, Finding lead)
    {
        var losses = c.Findings.Select(f => f.Evidence).OfType<Reassembly.FragmentLossEvidence>().ToList();
        var where = losses.FirstOrDefault(e => e.DroppedAfter is not null);
        string place = where is not null ? $"between {where.DroppedAfter} and {where.DroppedBefore}" : "on the way";
        int messages = losses.Count;
        var methods = losses.Select(e => e.Message.Split(' ')[0]).Distinct(StringComparer.Ordinal).Take(3).ToList();
        c.Summary = messages == 1 && where is null ? lead.Summary
            : $"IP fragments are dropped {place}: {Count(messages, "SIP message")} ({string.Join(", ", methods)}) larger than one packet "
              + $"{(messages == 1 ? "never arrives" : "never arrive")} whole, from {Target(c)}, while the small messages pass.";
        string device = where is not null
            ? $"On the device between {where.DroppedAfter} and {where.DroppedBefore} (it forwards first fragments and drops the rest)"
            : $"On the firewall, NAT device or router between {Target(c)} and {c.Server ?? "the server"}";
        c.Fix = $"{device}, let IP fragments through or reassemble them (firewalls call it fragment filtering; SIP ALGs are known to drop "
                + "fragments, so turn the ALG off). Or keep SIP within one packet: use SIP over TCP for "
                + (c.ClientCount == 1 ? "this phone" : "these phones") + " (RFC 3261 §18.1.1 "
                + "asks for TCP when a request comes within 200 bytes of the path MTU), or offer fewer codecs so the INVITE fits.";
    }

    // The server is not silent: it never got the requests. What to change depends on why the router refused them.
    private static void DescribeUndelivered(Cause c, Finding lead, string server, string target)
    {
        var icmp = (IcmpErrorEvidence)lead.Evidence!;
        string router = Hop(icmp.Reporter);
        string at = icmp.Reporter is { Address.IsNone: false } hop ? hop.Address.ToString() : router;
        // Every reason the cause's routers gave (a few at most: ICMP has a handful), not only the first finding's.
        var given = c.Findings.Select(f => f.Evidence).OfType<IcmpErrorEvidence>().Where(e => e.RequestUndelivered)
            .SelectMany(e => e.Reasons).Distinct().Take(3).ToList();
        string reasons = string.Join(", ", given.Select(r => $"\u201c{r}\u201d"));
        c.Summary = $"{Paths.Text.PathSentences.Upper(router)} cannot deliver the requests of {target} to {server}: it answers them with ICMP {reasons}, and {server} never receives them.";
        string notServer = $"Nothing is wrong with {server} or with the phones' passwords: the requests never got there.";
        c.Fix = given.Exists(r => r.Contains("prohibited", StringComparison.Ordinal) || r.Contains("policy", StringComparison.Ordinal))
            ? $"A filter on {at} rejects them: allow SIP from {target} to {server} in its firewall or ACL (and the media ports the calls will use). {notServer}"
            : given.Exists(r => r.Contains("exceeded", StringComparison.Ordinal))
            ? $"The requests loop until their TTL runs out: correct the routes toward {server} at {at} and the router it forwards them to (two routers that send them back and forth). {notServer}"
            : $"On {at}, add or correct the route toward {server} for traffic from {target} (a static route, a policy rule or VRF, or the route it learns), or send these phones through a router that has one. {notServer}";
    }

    // The server answers where the Via points; past a NAT that changed the source port (or behind a private Via
    // address) no one is there. Who has to change what depends on whether the clients asked for rport.
    private static void DescribeMisaddressed(Cause c, string server, string target)
    {
        var sources = c.Findings.Select(f => f.Evidence).OfType<ResponseWrongSourceEvidence>().ToList();
        if (sources.Count > 0)
        {
            string answeredFrom = string.Join(", ", sources.Select(e => e.RepliedFrom).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(3));
            string host = EndpointText.HostOf(sources[0].RequestTo);
            string through = c.RightNextHop is null ? "on the way" : $"at or beyond {Hop(c.RightNextHop)}";
            c.Summary = $"{server} answers {target} from {answeredFrom}, not from {sources[0].RequestTo} where {Their(c)} requests go: a NAT or stateful "
                        + $"firewall {through} takes those answers for no reply to anything it saw and drops them, so {Them(c)} never get them.";
            c.Fix = sources.TrueForAll(e => e.SameHost)
                ? $"Make the server at {host} answer from the address each request came to: bind its SIP service to each of its addresses "
                  + "(Asterisk bindaddr or a transport per address, Kamailio a listen= per address, FreeSWITCH sip-ip) instead of 0.0.0.0, "
                  + $"or give the phones {EndpointText.HostOf(sources[0].RepliedFrom)} as their server. The route is fine: the answers reach the router."
                : $"Another host answers for {sources[0].RequestTo}: make the answers come from the address the requests went to (the server's own "
                  + "address, not a second one or a load balancer's other side), or let the firewall or NAT pass them.";
            return;
        }
        var wrong = c.Findings.Select(f => f.Evidence).OfType<ResponseWrongPortEvidence>().ToList();
        bool rport = wrong.Count > 0 && wrong.TrueForAll(e => e.ViaAsksRport);
        bool portOnly = wrong.TrueForAll(e => EndpointText.HostOf(e.RequestFrom) == EndpointText.HostOf(e.RepliedTo));
        string to = List(wrong.Select(e => portOnly ? EndpointText.PortOf(e.RepliedTo) : e.RepliedTo));
        string from = List(wrong.Select(e => portOnly ? EndpointText.PortOf(e.RequestFrom) : e.RequestFrom));
        string nat = List(wrong.Select(e => EndpointText.HostOf(e.RequestFrom)));
        string their = c.ClientCount == 1 ? "its" : "their";
        const string how = "its NAT handling: Asterisk nat=force_rport, Kamailio force_rport(), FreeSWITCH NDLB-force-rport";
        if (rport)
        {
            c.Summary = $"{server} ignores rport: {target} ask for answers at {their} source port (RFC 3581), yet it answers at the "
                        + $"{(portOnly ? "port" : "address")} {their} Via names ({to}), not where {their} requests come from ({from}); the answers never arrive.";
            c.Fix = $"Make {server} answer at the source port ({how}). The route and the passwords are fine: the answers reach the NAT.";
            return;
        }
        c.Summary = portOnly
            ? $"{server} answers {target} at port {to}, the port {their} Via names, not at the ports {their} requests come from through the NAT at {nat} "
              + $"({from}): the NAT gave the requests new source ports, {their} Via asks for no rport, and at port {to} the NAT has no binding for "
              + $"{(c.ClientCount == 1 ? "it" : "them")}, so {Them(c)} never get the answers."
              + (c.RegisteredWithRport > 0
                  ? $" {(c.RegisteredWithRport == 1 ? "Another client" : $"{c.RegisteredWithRport} other clients")} behind the same NAT whose Via asks for rport "
                    + $"{(c.RegisteredWithRport == 1 ? "is" : "are")} answered at {(c.RegisteredWithRport == 1 ? "its" : "their")} own port and registered."
                  : "")
            : $"{server} answers {target} at the address {their} Via names ({to}), not where {their} requests come from ({from}): {Them(c)} never get the answers.";
        c.Fix = portOnly
            ? $"Make the NAT at {nat} keep the source port of SIP (a static-port rule for UDP {EndpointText.PortOf(wrong[0].RepliedTo)}, no port randomization), "
              + $"or turn on rport (RFC 3581) on the phones, or have {server} answer at the source port ({how}). "
              + "The route and the passwords are fine: the answers reach the NAT."
            : $"Have the phones put the address they are reached at in their Via (STUN, or their NAT settings), or have {server} answer where "
              + $"the requests come from ({how}).";

        static string List(IEnumerable<string> values)
        {
            var distinct = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(4).ToList();
            return distinct.Count > 3 ? string.Join(", ", distinct.Take(3)) + ", …" : string.Join(", ", distinct);
        }
    }

    // What a silent server left unanswered: its REGISTERs, its INVITEs, or both.
    private static string Requests(Cause c)
    {
        bool registers = c.Findings.Exists(f => f.Kind == FindingKind.RegisterUnanswered);
        bool invites = c.Findings.Exists(f => f.Kind == FindingKind.InviteUnanswered);
        return invites && registers ? "REGISTERs and INVITEs" : invites ? "INVITEs" : "REGISTERs";
    }

    private static string Target(Cause c) =>
        c.Subnet is { } subnet ? subnet.ToString()
        : c.ClientCount == 1 ? c.Clients[0]
        : c.ClientCount > 1 ? $"{c.ClientCount} clients ({Clients(c)})"
        : "its clients";

    private static string Their(Cause c) => c.Subnet is not null ? "that subnet's" : c.ClientCount == 1 ? "its" : "their";

    private static string Them(Cause c) => c.ClientCount == 1 ? "the client" : "the clients";

    private static string Clients(Cause c)
    {
        const int Shown = 3;
        var shown = string.Join(", ", c.Clients.Take(Shown));
        return c.ClientCount > Shown ? $"{shown} and {c.ClientCount - Shown} more" : shown;
    }

    /// <summary>"router 192.168.0.254 (02:a0:00:00:00:fe)"; a MAC alone when no address is known for it.</summary>
    public static string Hop(NextHop? hop)
    {
        if (hop is null) return "an unknown next hop";
        string role = hop.Name ?? (hop.IsRouter ? "router" : "host");
        return hop.Address.IsNone ? $"{role} {hop.Mac} (no IP address known)" : $"{role} {hop.Address} ({hop.Mac})";
    }

    // The next hop is the server itself (a host, one of its addresses): its packets went out with no router between.
    private static bool IsHost(NextHop? hop, string? server) =>
        hop is { IsRouter: false } && server is not null && Protocols.Frames.NetAddress.TryParse(server, out var ip) && hop.Addresses.Contains(ip);

    // The requests' hop is one of the clients themselves (they send on the server's link, with no router between).
    private static bool RequestsStraightFromClients(Cause c) =>
        c.RightNextHop is { IsRouter: false } requestHop && c.Clients.Exists(client => IsAddressOf(requestHop, client));

    // "192.168.1.20:5060" or "[2001:db8::1]:5060": is its address one of the hop's?
    private static bool IsAddressOf(NextHop hop, string endpoint)
    {
        string ip = EndpointText.HostOf(endpoint).Trim('[', ']');
        return Protocols.Frames.NetAddress.TryParse(ip, out var address) && hop.Addresses.Contains(address);
    }

    // What a route names: the hop's address, or, when the capture never showed it, the MAC to look it up by (a
    // route via a bare MAC cannot be typed in).
    private static string Ip(NextHop? hop) => hop is null ? "?"
        : hop.Address.IsNone ? $"the {(hop.IsRouter ? "router" : "host")} with MAC {hop.Mac} (its IP address is not in the capture: the ARP table names it)"
        : hop.Address.ToString();

    // " to register as user 2001" when every guessing group of the cause tried one user, " to register as 40 users" when
    // they were sprayed over several (the largest group's count).
    private static string GuessedUsers(Cause c)
    {
        var users = c.Findings.Select(f => (f.Evidence as Paths.RegistrationRejectedEvidence)?.GroupUser).ToHashSet(StringComparer.Ordinal);
        if (users.Count == 1 && users.First() is { } user) return $" to register as user {user}";
        int sprayed = Sprayed(c);
        return sprayed > 1 ? $" to register as {N(sprayed)} users" : "";
    }

    // The users of the largest spray among the cause's findings; 0 or 1 when none was sprayed over users.
    private static int Sprayed(Cause c) => c.Findings.Max(f => (f.Evidence as Paths.RegistrationRejectedEvidence)?.GroupUsers ?? 0);

    // Calls a toll-fraud attempt got through with a guessed password.
    private static long AcceptedCalls(Cause c) => c.Findings.Sum(f => f.Evidence is Paths.TollFraudEvidence e ? (long)e.Accepted : 0);

    // "at least " when a finding counted its registrations (or calls) from those the report kept past its cap.
    private static string AtLeast(Cause c, bool calls) => Paths.Text.FindingText.AtLeast(c.Findings.Exists(f => calls
        ? f.Evidence is Paths.TollFraudEvidence { AttemptsAtLeast: true }
        : f.Evidence is Paths.RegistrationRejectedEvidence { AttemptsAtLeast: true }));

    // The refused registrations the cause's clients made, as their findings counted them.
    private static long RegistrationAttempts(Cause c) => c.Findings.Sum(f => f.Evidence is Paths.RegistrationRejectedEvidence e ? (long)e.Attempts : 0);

    // The refused calls the cause's clients made with guessed credentials.
    private static long CallAttempts(Cause c) => c.Findings.Sum(f => f.Evidence is Paths.TollFraudEvidence e ? (long)e.Attempts : 0);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
