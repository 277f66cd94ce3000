using System.Text;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// Compares each message between the consecutive points it passed: Via sent-by, Contact and SDP c=/o=/m= that
/// differ were rewritten on the way (a SIP ALG: Linux nf_nat_sip, router "SIP helpers"); addresses and ports
/// that differ were translated (NAT). One finding per client: <c>sip-alg-rewrite</c> (warning) when SIP
/// content was rewritten, else <c>nat-translation</c> (info) when only the packets' addresses were.
/// </summary>
internal static class AlgRewriteDetector
{
    /// <summary>Rewrites, fields and point pairs named at most in one finding: the first ones tell the story.</summary>
    private const int MaxListed = 16;

    public static List<Finding> Find(PointCorrelation correlation)
    {
        var byClient = new Dictionary<string, (List<HeaderRewrite> Rewrites, List<SeenTransaction> Transactions, HashSet<FrameRef> Frames)>();
        foreach (var seen in correlation.Transactions)
            foreach (var m in seen.Messages)
                for (int i = 1; i < m.Sightings.Count; i++)
                {
                    var (before, after) = (m.Sightings[i - 1], m.Sightings[i]);
                    bool samePayload = before.Message.PayloadHash == after.Message.PayloadHash;
                    var found = Compare(before, after, samePayload);
                    if (found.Count == 0) continue;
                    if (!byClient.TryGetValue(seen.Client, out var entry))
                        byClient[seen.Client] = entry = (new List<HeaderRewrite>(), new List<SeenTransaction>(), new HashSet<FrameRef>());
                    foreach (var r in found)
                    {
                        var same = entry.Rewrites.Find(x => x.Field == r.Field && x.Before == r.Before && x.After == r.After && x.FromPoint == r.FromPoint && x.ToPoint == r.ToPoint);
                        if (same is null) entry.Rewrites.Add(r);
                        else same.Count++;
                    }
                    if (!entry.Transactions.Contains(seen)) entry.Transactions.Add(seen);
                    entry.Frames.Add(before.Message.Frame);
                    entry.Frames.Add(after.Message.Frame);
                }

        var findings = new List<Finding>();
        foreach (var (client, (rewrites, transactions, frames)) in byClient)
            findings.Add(Describe(client, rewrites, transactions, frames));
        return findings;
    }

    private static List<HeaderRewrite> Compare(Sighting before, Sighting after, bool samePayload)
    {
        var found = new List<HeaderRewrite>();
        void Check(string field, string? a, string? b)
        {
            if (a is null || b is null || a == b) return;
            var r = new HeaderRewrite { Field = field, Before = a, After = b, FromPoint = before.Point.Name, ToPoint = after.Point.Name };
            r.Frames.Add(before.Message.Frame);
            r.Frames.Add(after.Message.Frame);
            found.Add(r);
        }
        Check("source", before.Message.Source, after.Message.Source);
        Check("destination", before.Message.Destination, after.Message.Destination);
        if (samePayload) return found;
        Check("Via", before.Message.TopVia?.SentBy, after.Message.TopVia?.SentBy);
        Check("Contact", Contacts(before.Message), Contacts(after.Message));
        Check("SDP c=", SdpConnection(before.Message), SdpConnection(after.Message));
        Check("SDP o=", before.Message.Sdp?.OriginAddress, after.Message.Sdp?.OriginAddress);
        Check("SDP m=", SdpMedia(before.Message), SdpMedia(after.Message));
        return found;
    }

    private static string? Contacts(TransactionMessage m) =>
        m.Contacts is { Count: > 0 } contacts ? string.Join(", ", contacts.Select(c => c.Uri)) : null;

    private static string? SdpConnection(TransactionMessage m)
    {
        if (m.Sdp is not { } sdp) return null;
        var addresses = new List<string>();
        if (sdp.ConnectionAddress is { } session) addresses.Add(session);
        foreach (var media in sdp.Media)
            if (media.ConnectionAddress is { } a && !addresses.Contains(a)) addresses.Add(a);
        return addresses.Count > 0 ? string.Join(", ", addresses) : null;
    }

    private static string? SdpMedia(TransactionMessage m) =>
        m.Sdp is { Media.Length: > 0 } sdp ? string.Join(", ", sdp.Media.Select(x => $"{x.MediaType} {x.Port}")) : null;

    private static Finding Describe(string client, List<HeaderRewrite> rewrites, List<SeenTransaction> transactions, HashSet<FrameRef> frames)
    {
        var sip = rewrites.Where(r => !r.IsNat).ToList();
        var nat = rewrites.Where(r => r.IsNat).ToList();
        var first = transactions[0];
        var hops = new List<string>();
        foreach (var r in rewrites)
            if (!hops.Contains($"{r.FromPoint} and {r.ToPoint}") && !hops.Contains($"{r.ToPoint} and {r.FromPoint}"))
                hops.Add($"{r.FromPoint} and {r.ToPoint}");
        string between = string.Join("; ", hops.Take(MaxListed));
        Finding f;
        var text = new StringBuilder();
        if (sip.Count > 0)
        {
            var fields = sip.Select(r => r.Field).Distinct().Take(MaxListed).ToList();
            f = new Finding
            {
                Kind = FindingKind.SipAlgRewrite,
                Severity = Severity.Warning,
                Summary = $"A SIP ALG between {between} rewrites the SIP messages of {client} ({string.Join(", ", fields)}).",
                Client = client,
            };
            text.Append($"The same messages of {client} differ between capture points: ");
            text.Append(string.Join("; ", sip.Take(MaxListed).Select(r => $"{r.Field} {r.Before} \u2192 {r.After} ({r.FromPoint} \u2192 {r.ToPoint}, {r.Count} message{(r.Count == 1 ? "" : "s")}, frames {r.Frames[0]} \u2192 {r.Frames[1]})")));
            text.Append(". Something on the way (a router's SIP ALG, e.g. Linux nf_nat_sip, or a firewall's SIP helper) edits SIP headers and SDP in transit.");
            if (nat.Count > 0) text.Append(" The packets were address-translated there too: ").Append(NatText(nat)).Append('.');
            text.Append(" An ALG hides the client's real address from the server, breaks when its rewrites and the NAT disagree, and cannot follow TLS or non-standard ports; most PBX vendors advise turning it off and letting the phones and the PBX handle NAT themselves.");
            f.ClientSymptom = "Often nothing while the ALG's rewrites stay consistent; when they do not: one-way or no audio, registrations that expire or fail to refresh, calls dropping after about 30 s.";
        }
        else
        {
            f = new Finding
            {
                Kind = FindingKind.NatTranslation,
                Severity = Severity.Info,
                Summary = $"The traffic of {client} is address-translated between {between}.",
                Client = client,
            };
            text.Append($"The same messages of {client} carry other addresses or ports at different capture points: ").Append(NatText(nat))
                .Append(". The SIP content was not changed, so Via, Contact and SDP still name the client's own address.");
        }
        f.Explanation = text.ToString();
        f.Server = first.Server;
        f.Transport = first.Primary.Transport;
        f.CallId = first.Primary.CallId;
        f.CSeq = first.Primary.CSeq;
        f.Count = transactions.Count;
        f.Frames.AddRange(frames.Order());
        var callIds = transactions.Select(t => t.Primary.CallId).Where(c => c is not null).Distinct().Take(8).ToList();
        f.WiresharkFilter = string.Join(" || ", callIds.Select(c => $"sip.Call-ID == \"{c!.Replace("\\", "\\\\").Replace("\"", "\\\"")}\""));
        if (sip.Count > 0) f.Details["rewrites"] = sip.Take(MaxListed).Select(r => r.Details()).ToList();
        if (nat.Count > 0) f.Details["nat"] = nat.Take(MaxListed).Select(r => r.Details()).ToList();
        return f;
    }

    private static string NatText(List<HeaderRewrite> nat) =>
        string.Join("; ", nat.Select(r => $"{r.Field} {r.Before} \u2192 {r.After} ({r.FromPoint} \u2192 {r.ToPoint})").Distinct().Take(MaxListed));
}
