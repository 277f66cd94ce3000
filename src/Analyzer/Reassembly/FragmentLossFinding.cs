using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Points;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// One <c>sip-fragments-lost</c> finding per SIP message over UDP that was sent in IP fragments and never arrived
/// whole at a capture point, with every point's view: where it was still whole, where only its first fragment came.
/// A device that drops fragments loses exactly the messages larger than one packet while the small ones pass,
/// which no other finding can see: without its other fragments the message is not SIP to anyone.
/// </summary>
internal static class FragmentLossFinding
{
    /// <summary>Frames one finding cites: the first fragments of its copies at each point.</summary>
    private const int MaxFrames = 64;
    /// <summary>
    /// Sightings at two points closer than this are not ordered by their clocks: two capture hosts agree to a few
    /// milliseconds at best, while a message crosses a LAN in microseconds and its sender repeats it after 500 ms.
    /// </summary>
    private const long SameTimeNs = 50_000_000;

    /// <param name="icmp">Every ICMP error of the analysis: the receiver's "fragment reassembly time exceeded" quoting a
    /// lost datagram confirms that it got the first fragment and waited for the rest in vain.</param>
    public static List<PointFinding> Find(IReadOnlyList<CapturePoint> points, IReadOnlyList<Paths.IcmpError> icmp)
    {
        var findings = new List<PointFinding>();
        if (!points.Any(p => p.FragmentedSip.Lost.Count > 0)) return findings;
        var groups = new Dictionary<MessageKey, Group>();
        foreach (var point in points)
            foreach (var m in point.FragmentedSip.Lost) GroupOf(groups, m).Partial.Add((point, m));
        foreach (var point in points)
            foreach (var m in point.FragmentedSip.Delivered)
                if (groups.TryGetValue(MessageKey.Of(m), out var g)) g.Whole.Add((point, m));
        var timeouts = icmp.Where(IsReassemblyTimeout).ToList();
        var answers = Answers.Of(points);
        foreach (var g in groups.Values.OrderBy(g => g.Partial.Min(p => p.Message.FirstNs)))
            if (!answers.ReceivedAnyway(g.Partial[0].Message, g.Copies) && Describe(g, timeouts) is { } found)
                findings.Add(found);
        return findings;
    }

    private static Group GroupOf(Dictionary<MessageKey, Group> groups, FragmentedSipMessage m)
    {
        var key = MessageKey.Of(m);
        if (!groups.TryGetValue(key, out var g)) groups[key] = g = new Group();
        return g;
    }

    private static PointFinding? Describe(Group g, List<Paths.IcmpError> timeouts)
    {
        // One copy cut off by the end of the capture proves nothing: its other fragments may simply not have been
        // captured. A copy whose time ran out, or a sender that had to send it again, does.
        if (g.Partial.All(p => p.Message.CutByCaptureEnd) && g.Copies < 2) return null;
        var partialFirst = FirstByPoint(g.Partial);
        long partialStart = partialFirst.Min(p => p.Ns);
        // Whole at a point it reached after one that saw it in part: that point missed fragments the network
        // delivered (a capture that drops packets), or a later copy got through — not a loss on the way.
        var allWhole = FirstByPoint(g.Whole);
        if (allWhole.Count > 0 && allWhole.Max(p => p.Ns) > partialFirst.Max(p => p.Ns) + SameTimeNs) return null;
        // A point that saw some copies whole and others in part tells nothing of where the rest die.
        var wholeFirst = allWhole.Where(w => !partialFirst.Any(p => p.Point == w.Point)).ToList();

        var lead = g.Partial.OrderBy(p => p.Message.FirstNs).First();
        var m = lead.Message;
        var head = m.Head;
        var droppedBefore = partialFirst.OrderBy(p => p.Ns).First().Point;
        var droppedAfter = wholeFirst.Where(p => p.Ns <= partialStart + SameTimeNs).OrderBy(p => p.Ns).LastOrDefault().Point;
        int copies = g.Copies;
        // SIP over UDP is sent again until it is answered: a message seen once that was lost in the network would
        // have been repeated. Seen once and nothing else saying so — no point on its way that saw it whole, no
        // reassembly timeout from its receiver — its sender got an answer this capture does not hold (a capture
        // filtered by port or direction keeps first fragments alone), and calling it lost would cry wolf.
        var reported = timeouts.Where(e => g.Partial.Any(p => Quotes(e, p.Message))).ToList();
        if (copies < 2 && wholeFirst.Count == 0 && reported.Count == 0) return null;
        int? total = g.Partial.Concat(g.Whole).Select(p => p.Message.TotalBytes).Where(b => b > 0).Cast<int?>().Max();
        var wholeAt = wholeFirst.OrderBy(p => p.Ns).Select(p => p.Point.Name).ToList();
        var partialAt = partialFirst.OrderBy(p => p.Ns).Select(p => p.Point.Name).ToList();

        string what = head.IsRequest ? head.Method! : head.StartLine.StartsWith("SIP/2.0 ", StringComparison.OrdinalIgnoreCase) ? head.StartLine[8..] : head.StartLine;
        string name = head.IsRequest ? $"the {what}" : $"the {what}" + (head.CSeqMethod is { } cm ? $" (to {cm})" : "");
        string size = total is { } t ? $"{Bytes(t)} bytes" : $"more than {Bytes(m.FirstFragmentBytes)} bytes";
        string copiesText = copies == 1 ? "once" : $"{copies} times";
        string summary = $"{Capitalized(name)} from {m.Source} to {m.Destination} ({size}, sent in IP fragments) never arrives whole: "
                         + $"only its first fragment does, {copiesText}.";

        var why = new System.Text.StringBuilder();
        // "INVITE sip:8000@192.168.0.10", not "… SIP/2.0": the version says nothing here.
        string line = head.IsRequest && head.StartLine.EndsWith(" SIP/2.0", StringComparison.OrdinalIgnoreCase) ? head.StartLine[..^8] : head.StartLine;
        why.Append($"{m.Source} sent {line}");
        if (head.CallId is not null) why.Append($" (Call-ID {head.CallId}" + (head.CSeq >= 0 ? $", CSeq {head.CSeq} {head.CSeqMethod})" : ")"));
        why.Append($" as one UDP datagram of {size}, more than one packet holds, so it travelled in IP fragments. ");
        if (droppedAfter is not null)
            why.Append($"It passed {droppedAfter.Name} whole, and reached {string.Join(", ", partialAt)} with its first fragment only: "
                       + $"the other fragments are dropped between {droppedAfter.Name} and {droppedBefore.Name}. ");
        else
            why.Append($"At {string.Join(", ", partialAt)} only its first fragment ({Bytes(m.FirstFragmentBytes)} bytes of SIP) arrived, "
                       + (copies > 1 ? $"for each of its {copies} copies" : "and nothing more") + ". ");
        why.Append($"Without the rest no receiver can put the message together: {m.Destination} never sees it"
                   + (head.IsRequest ? ", and the sender repeats it until it gives up. " : ". "));
        // The receiver's own word: its reassembly of these datagrams ran out of time.
        foreach (var reporter in reported.GroupBy(e => e.ReporterIp))
        {
            int times = Paths.IcmpError.TimesSent(reporter);
            why.Append($"{reporter.Key} itself reported {(times == 1 ? "one of these datagrams" : $"{times} of them")} with ICMP "
                       + "\u201cfragment reassembly time exceeded\u201d: it got the first fragment and waited for the rest in vain. ");
        }
        why.Append("Only a first fragment carries the UDP ports, so firewalls, NAT devices and SIP ALGs that cannot match the others drop them, "
                   + "while messages that fit one packet (a REGISTER, an OPTIONS, most responses) pass the same way untouched.");

        var f = new Finding
        {
            Kind = FindingKind.SipFragmentsLost,
            Severity = head.IsRequest || head.StatusCode >= 200 ? Severity.Error : Severity.Warning,
            Summary = summary,
            Explanation = why.ToString(),
            Client = head.IsRequest ? m.Source : m.Destination,
            Server = head.IsRequest ? m.Destination : m.Source,
            ClientIp = head.IsRequest ? m.SourceIp : m.DestinationIp,
            ServerIp = head.IsRequest ? m.DestinationIp : m.SourceIp,
            Transport = Packets.Transport.Udp,
            CallId = head.CallId,
            CSeq = head.CSeq >= 0 ? head.CSeq : null,
            ClientSymptom = Symptom(head, m),
            WiresharkFilter = Filter(m),
            FirstNs = g.Partial.Concat(g.Whole).Min(p => p.Message.FirstNs),
            LastNs = g.Partial.Concat(g.Whole).Max(p => p.Message.LastNs),
            Count = copies,
            Evidence = new FragmentLossEvidence(head.StartLine, m.FirstFragmentBytes, total, copies, wholeAt, partialAt)
            {
                DroppedAfter = droppedAfter?.Name,
                DroppedBefore = droppedBefore.Name,
                ReassemblyTimeouts = reported,
            },
        };
        foreach (var frame in g.Partial.Concat(g.Whole).SelectMany(p => p.Message.Frames).Concat(reported.Select(e => e.Frame))
                     .Distinct().Order().Take(MaxFrames))
            f.Frames.Add(frame);
        return new PointFinding(droppedBefore, f);
    }

    // ICMP time exceeded, code 1 (IPv4 and ICMPv6 alike): fragment reassembly time exceeded.
    private static bool IsReassemblyTimeout(Paths.IcmpError e) => e.Kind == Paths.IcmpErrorKind.TimeExceeded && e.Code == 1;

    // The error quotes the datagram's first fragment: its addresses, ports and (IPv4) identification.
    private static bool Quotes(Paths.IcmpError e, FragmentedSipMessage m) =>
        e.Quoted.Source == m.SourceIp && e.Quoted.Destination == m.DestinationIp && e.Quoted.SourcePort == m.SourcePort
        && e.Quoted.DestinationPort == m.DestinationPort && (m.SourceIp.IsV6 || m.FragmentIds.Contains(e.Quoted.IpId));

    private static string Symptom(Protocols.Sip.SipHead head, FragmentedSipMessage m) => head.Method switch
    {
        "INVITE" => "The call never gets through: the phone shows it failing or timing out, with no ringing, while its registration, "
                    + "made of small messages, keeps working — so it looks like a fault of the PBX or of the number called.",
        "REGISTER" => "The phone cannot register although its password is right; when only its REGISTER with credentials is large enough "
                      + "to be fragmented, it gets the challenge but no answer to its credentials, and some softphones report that as "
                      + "\u201cInvalid extension or wrong password\u201d.",
        { } method => $"The {method} never reaches {m.Destination}: the sender waits for an answer and gives up.",
        null => $"{m.Destination} never receives the {head.StartLine} and repeats its request until it gives up; when it answers an "
                + "INVITE, the call does not connect although it was answered.",
    };

    private static string Filter(FragmentedSipMessage m) => Filter(m.SourceIp.IsV6, [m.SourceIp.ToString()], [m.DestinationIp.ToString()]);

    private static string Filter(bool v6, IReadOnlyList<string> sources, IReadOnlyList<string> destinations)
    {
        string ip = v6 ? "ipv6" : "ip";
        string fragments = v6 ? "ipv6.fragment" : "(ip.flags.mf == 1 || ip.frag_offset > 0)";
        static string Of(string field, IReadOnlyList<string> values) =>
            values.Count == 1 ? $"{field} == {values[0]}" : $"{field} in {{{string.Join(",", values)}}}";
        return $"{Of(ip + ".src", sources)} && {Of(ip + ".dst", destinations)} && {fragments}";
    }

    /// <summary>
    /// One display filter for the fragments of several findings (a cause): their senders and receivers, at most
    /// <see cref="Diagnosis.Cause.MaxClients"/> of each; null when they mix IPv4 and IPv6.
    /// </summary>
    public static string? FilterOf(IReadOnlyList<Finding> findings)
    {
        var messages = findings.Where(f => f.Evidence is FragmentLossEvidence).ToList();
        if (messages.Count == 0 || messages.Select(f => f.ClientIp.IsV6).Distinct().Count() != 1) return null;
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var destinations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var f in messages)
        {
            bool request = !((FragmentLossEvidence)f.Evidence!).Message.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase);
            sources.Add((request ? f.ClientIp : f.ServerIp).ToString());
            destinations.Add((request ? f.ServerIp : f.ClientIp).ToString());
        }
        return Filter(messages[0].ClientIp.IsV6, sources.Take(Diagnosis.Cause.MaxClients).ToList(), destinations.Take(Diagnosis.Cause.MaxClients).ToList());
    }

    /// <summary>What the phones show when messages of several kinds are too large: each kind's effect, once.</summary>
    public static string SymptomOf(IEnumerable<FragmentLossEvidence> losses)
    {
        var parts = new List<string>();
        foreach (var line in losses.Select(e => e.Message).Distinct(StringComparer.Ordinal))
        {
            string first = line.Split(' ')[0];
            string part = first switch
            {
                "INVITE" => "a phone whose INVITE is too large cannot call (it fails or times out, with no ringing) although it stays registered",
                "REGISTER" => "a phone whose REGISTER is too large never registers, and when that is the REGISTER with its credentials (the "
                              + "challenge came back) some softphones report \u201cInvalid extension or wrong password\u201d although the password is right",
                _ when first.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase) => $"a phone never receives a large {line[(first.Length + 1)..]} and repeats its request until it gives up",
                _ => $"a large {first} never arrives and its sender gives up",
            };
            if (!parts.Contains(part)) parts.Add(part);
        }
        return "Depending on the message: " + string.Join("; ", parts) + ".";
    }

    // Each point's earliest sighting of the message: the order the points lie in along its way.
    private static List<(CapturePoint Point, long Ns)> FirstByPoint(List<(CapturePoint Point, FragmentedSipMessage Message)> seen) =>
        seen.GroupBy(p => p.Point).Select(x => (x.Key, x.Min(p => p.Message.FirstNs))).ToList();

    private static string Bytes(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Capitalized(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>
    /// What the SIP engines saw of each transaction, to tell a message the receiver never got from one a capture
    /// holds in part: a capture filtered by port (<c>udp port 5060</c>, the most common one) keeps only the first
    /// fragment of every large message, since the others carry no port — while the receiver got them all and answered.
    /// </summary>
    private sealed class Answers
    {
        private readonly Dictionary<(string CallId, long CSeq, string Method), (bool Answered, bool ReRequested, bool Acked)> _seen = new();

        public static Answers Of(IReadOnlyList<CapturePoint> points)
        {
            var answers = new Answers();
            foreach (var point in points)
                foreach (var t in point.Sip.Transactions)
                {
                    if (t.CallId is null) continue;
                    var key = (t.CallId, t.CSeq, t.Method);
                    var now = (Answered: t.FinalStatus is not null || t.HasProvisional, ReRequested: t.RetransmissionsAfterFinal > 0,
                        Acked: t.AcksIfAny is { Count: > 0 });
                    answers._seen[key] = answers._seen.TryGetValue(key, out var was)
                        ? (was.Answered || now.Answered, was.ReRequested || now.ReRequested, was.Acked || now.Acked)
                        : now;
                }
            return answers;
        }

        /// <summary>
        /// True when the SIP the capture does hold says the message arrived after all: a request was answered; a final
        /// response was neither asked for again by its client nor, for an INVITE, left without its ACK while repeated.
        /// </summary>
        public bool ReceivedAnyway(FragmentedSipMessage m, int copies)
        {
            var head = m.Head;
            if (head.CallId is null || head.CSeq < 0) return false;
            if (head.IsRequest)
                return _seen.TryGetValue((head.CallId, head.CSeq, head.Method!), out var r) && r.Answered;
            if (head.CSeqMethod is not { } method || !_seen.TryGetValue((head.CallId, head.CSeq, method), out var t)) return false;
            if (t.ReRequested) return false;
            bool unacknowledged = method == "INVITE" && head.StatusCode >= 200 && !t.Acked && copies >= 2;
            return !unacknowledged;
        }
    }

    private readonly record struct MessageKey(string Source, string Destination, string? CallId, long CSeq, string StartLine)
    {
        public static MessageKey Of(FragmentedSipMessage m) => new(m.Source, m.Destination, m.Head.CallId, m.Head.CSeq, m.Head.StartLine);
    }

    private sealed class Group
    {
        public List<(CapturePoint Point, FragmentedSipMessage Message)> Partial { get; } = new();
        public List<(CapturePoint Point, FragmentedSipMessage Message)> Whole { get; } = new();

        /// <summary>Copies lost, as the point that saw the most of them counted them.</summary>
        public int Copies => Partial.GroupBy(p => p.Point).Max(x => x.Sum(p => p.Message.Copies));
    }
}
