using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Scans;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// A finding's <c>details</c> object: its typed evidence under the names the JSON has always used, and the facts
/// later stages added by name, in ordinal key order.
/// </summary>
public static class FindingDetails
{
    public static IEnumerable<KeyValuePair<string, object?>> Of(Finding f)
    {
        var details = new Dictionary<string, object?>(f.Details, StringComparer.Ordinal);
        AddEvidence(details, f.Evidence);
        return details.OrderBy(d => d.Key, StringComparer.Ordinal);
    }

    private static void AddEvidence(Dictionary<string, object?> d, FindingEvidence? evidence)
    {
        switch (evidence)
        {
            case null:
                break;
            case WrongGatewayEvidence e:
                AddPath(d, e.Path);
                AddPassword(d, e.Password);
                break;
            case ResponseLostEvidence e:
                AddPath(d, e.Path);
                AddPassword(d, e.Password);
                // Only for a capture without destination MACs (tcpdump -i any): the next hop is not in it.
                if (!e.NextHopRecorded)
                {
                    d["next_hop_recorded"] = false;
                    d["gateways_looked_up"] = e.GatewaysLookedUp;
                    d["likely_next_hop"] = e.LikelyNextHop;
                }
                break;
            case ResponseWrongPortEvidence e:
                AddPath(d, e.Path);
                d["request_from"] = e.RequestFrom;
                d["replied_to"] = e.RepliedTo;
                d["via_rport"] = e.ViaAsksRport;
                AddPassword(d, e.Password);
                break;
            case ResponseWrongSourceEvidence e:
                AddPath(d, e.Path);
                d["request_to"] = e.RequestTo;
                d["replied_from"] = e.RepliedFrom;
                d["same_host"] = e.SameHost;
                AddPassword(d, e.Password);
                break;
            case NatBindingExpiredEvidence e:
                AddPath(d, e.Path);
                d["register_frame"] = e.RegisterFrame.Frame;
                d["via_host"] = e.ViaHost;
                d["idle_seconds"] = e.IdleSeconds;
                d["icmp_errors"] = e.IcmpErrors;
                break;
            case AsymmetricPathEvidence e:
                AddPath(d, e.Path);
                break;
            case RequestUnansweredEvidence e:
                AddPath(d, e.Path);
                d["server_arp_requests"] = e.ServerAskedForClient;
                break;
            case ConnectionUnansweredEvidence e:
                d["server_arp_requests"] = e.ServerAskedForClient;
                break;
            case SynAckWrongGatewayEvidence e:
                d["syn_next_hop"] = Hop(e.SynHop);
                d["syn_ack_next_hop"] = Hop(e.SynAckHop);
                d["syn_retransmissions"] = e.SynRetransmissions;
                d["syn_ack_retransmissions"] = e.SynAckRetransmissions;
                break;
            case ConnectionRefusedEvidence e:
                d["attempts"] = e.Attempts;
                break;
            case IcmpErrorEvidence e:
                AddPath(d, e.Path);
                d["reporters"] = e.Reporters;
                d["reasons"] = e.Reasons;
                d["request_undelivered"] = e.RequestUndelivered;
                d["recovered"] = e.Recovered;
                break;
            case RegistrationRejectedEvidence e:
                d["final_status"] = e.FinalStatus;
                // Only when false: refused before any challenge, no password was checked.
                if (!e.CredentialsSent) d["credentials_sent"] = false;
                // Only for a client registering several users (a gateway's lines): one user is told by the text.
                if (e.Users > 1) d["users"] = e.Users;
                AddPassword(d, e.Password);
                if (e.Guessing)
                {
                    d["password_guessing"] = true;
                    d["attempts"] = e.Attempts;
                    d["span_ms"] = e.SpanNs / 1_000_000;
                    d["guessing_sources"] = e.GuessingSources;
                    if (e.GroupAttempts > 0) d["attempts_all_sources"] = e.GroupAttempts;
                    // Only for guesses sprayed over several users: one user's are told by the filter and the text.
                    if (e.GroupUsers > 1) d["users_all_sources"] = e.GroupUsers;
                    // Only when true: past the cap of registrations kept, the counts are what was kept.
                    if (e.AttemptsAtLeast) d["attempts_at_least"] = true;
                }
                break;
            case TollFraudEvidence e:
                d["attempts"] = e.Attempts;
                d["span_ms"] = e.SpanNs / 1_000_000;
                d["numbers"] = e.Numbers;
                d["user"] = e.User;
                d["accepted"] = e.Accepted;
                if (e.AttemptsAtLeast) d["attempts_at_least"] = true;
                break;
            case RouteChangedEvidence e:
                d["changed_at"] = Timestamps.Rfc3339(e.ChangedAtNs);
                d["last_frame_before"] = e.LastFrameBefore;
                d["first_frame_after"] = e.FirstFrameAfter;
                d["broke_delivery"] = e.BrokeDelivery;
                break;
            case SipScanEvidence e:
                AddScan(d, e);
                break;
            case RtpStreamEvidence e:
                d["ssrc"] = e.Ssrc;
                d["capture_interface"] = e.CaptureInterface;
                if (e.RFactor is { } r) d["r_factor"] = r;
                if (e.Mos is { } mos) d["mos"] = mos;
                if (e.GapMs is { } gap) d["gap_ms"] = gap;
                break;
            case FragmentLossEvidence e:
                d["message"] = e.Message;
                d["first_fragment_bytes"] = e.FirstFragmentBytes;
                d["message_bytes"] = e.MessageBytes;
                d["copies"] = e.Copies;
                d["whole_at"] = e.WholeAt;
                d["partial_at"] = e.PartialAt;
                d["dropped_after"] = e.DroppedAfter;
                d["dropped_before"] = e.DroppedBefore;
                break;
            case CappedFindingsEvidence e:
                d["findings_not_listed"] = e.FindingsNotListed;
                d["occurrences_not_listed"] = e.OccurrencesNotListed;
                d["clients_named"] = e.ClientsNamed;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(evidence), evidence.GetType().Name, "evidence without JSON names");
        }
    }

    private static void AddScan(Dictionary<string, object?> d, SipScanEvidence e)
    {
        d["requests"] = e.Requests;
        d["scanner_agent_requests"] = e.ScannerAgentRequests;
        d["no_final_response"] = e.NoFinalResponse;
        d["final_statuses"] = e.FinalStatuses.ToDictionary(x => x.Key.ToString(CultureInfo.InvariantCulture), x => x.Value);
        d["answered_positively"] = e.AnsweredPositively;
        if (e.RefusedGuesses > 0)
        {
            d["password_guesses"] = e.RefusedGuesses;
            d["guessed_users"] = e.GuessedUsers.ToDictionary(u => u.Key, u => u.Value);
        }
        d["sources"] = e.Sources;
        d["sources_at_least"] = e.SourcesAtLeast;
        d["aors"] = e.Aors;
        d["methods"] = e.Methods.ToDictionary(m => m.Key, m => m.Value);
        d["user_agents"] = e.UserAgents.ToDictionary(a => a.Key, a => a.Value);
        d["networks_16"] = e.Networks16;
        d["prefixes"] = e.Prefixes.Select(n => new Dictionary<string, object?> { ["prefix"] = n.Prefix, ["requests"] = n.Requests }).ToList();
        d["wide_prefixes"] = e.WidePrefixes.Select(n => new Dictionary<string, object?> { ["prefix"] = n.Prefix, ["requests"] = n.Requests }).ToList();
        d["samples"] = e.Samples.Select(x => new Dictionary<string, object?>
        {
            ["client"] = x.Client, ["method"] = x.Method, ["aor"] = x.Aor, ["user_agent"] = x.UserAgent,
            ["final_status"] = x.FinalStatus, ["call_id"] = x.CallId,
        }).ToList();
    }

    private static void AddPath(Dictionary<string, object?> d, TransactionPathEvidence? p)
    {
        if (p is null) return;
        if (p.RequestHop is not null) d["request_next_hop"] = Hop(p.RequestHop);
        if (p.ResponseHop is not null) d["response_next_hop"] = Hop(p.ResponseHop);
        if (p.ExpectedHop is not null) d["expected_next_hop"] = Hop(p.ExpectedHop);
        d["request_vlan"] = p.RequestVlan;
        d["response_vlan"] = p.ResponseVlan;
        d["request_ttl"] = p.RequestTtl;
        d["response_ttl"] = p.ResponseTtl;
        d["capture_side"] = PathSides.WireName(p.Side);
        d["delivery"] = ResponseDeliveries.WireName(p.Delivery);
        d["delivery_evidence"] = p.DeliveryEvidence;
        d["retransmissions_after_response"] = p.RetransmissionsAfterResponse;
    }

    // Only a verdict that checked something is written; "password" is absent when nothing was compared.
    private static void AddPassword(Dictionary<string, object?> d, DigestVerdict? verdict)
    {
        if (DigestVerdicts.WireName(verdict) is { } name) d["password"] = name;
    }

    private static Dictionary<string, object?> Hop(NextHop hop) => new()
    {
        ["mac"] = hop.Mac.IsNone ? null : hop.Mac.ToString(),
        ["ip"] = hop.Addresses.Select(a => a.ToString()).ToList(),
        ["router"] = hop.IsRouter,
        ["name"] = hop.Name,
    };
}
