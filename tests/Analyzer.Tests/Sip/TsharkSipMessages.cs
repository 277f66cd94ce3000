using System.Globalization;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// SIP messages of a UDP capture as tshark dissects them, turned into <see cref="SipMessage"/> objects, so the
/// engine can be checked against real traffic independently of our own parser (one message per frame).
/// </summary>
internal static class TsharkSipMessages
{
    private static readonly string[] Fields =
    [
        "frame.number", "frame.time_epoch", "eth.src", "eth.dst", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
        "ip.ttl", "ip.id", "udp.srcport", "udp.dstport", "sip.Method", "sip.Status-Code", "sip.Call-ID",
        "sip.CSeq.seq", "sip.CSeq.method", "sip.Via.transport", "sip.Via.sent-by.address", "sip.Via.sent-by.port",
        "sip.Via.branch", "sip.from.addr", "sip.from.tag", "sip.to.addr", "sip.to.tag", "sip.WWW-Authenticate",
        "sip.Proxy-Authenticate", "sip.Authorization", "sip.Proxy-Authorization", "sip.auth.username",
        "sip.auth.realm", "sip.auth.stale", "sip.Contact", "sip.Expires", "sip.User-Agent",
    ];

    /// <summary>Feeds the capture to <paramref name="engine"/> (malformed messages as such) and finishes it.</summary>
    public static List<(PacketMeta Meta, SipMessage Message)> Feed(string file, SipEngine engine)
    {
        var all = Read(file, out var malformed);
        int next = 0;
        foreach (var (meta, message) in all)
        {
            while (next < malformed.Count && malformed[next].Frame < meta.Frame) engine.OnMalformed(malformed[next++], "tshark");
            engine.OnMessage(meta, message);
        }
        while (next < malformed.Count) engine.OnMalformed(malformed[next++], "tshark");
        engine.Finish(all.Count > 0 ? all[^1].Meta.TimestampNs : 0);
        return all;
    }

    /// <summary>The well-formed messages; <paramref name="malformed"/> gets the packets tshark calls malformed.</summary>
    public static List<(PacketMeta Meta, SipMessage Message)> Read(string file, out List<PacketMeta> malformed)
    {
        malformed = new List<PacketMeta>();
        // A dissector exception ("[Malformed Packet]") keeps tshark's tap from counting the message; expert
        // infos such as "Unrecognised SIP header" do not.
        var broken = new HashSet<long>();
        foreach (var row in Tshark.Fields(file, "_ws.expert.message contains \"Exception occurred\"", ["frame.number"], "-n"))
            broken.Add(long.Parse(row[0]));
        var result = new List<(PacketMeta, SipMessage)>();
        foreach (var v in Tshark.Fields(file, "sip && udp && !icmp && !icmpv6", Fields, "-n", "-E", "occurrence=f"))
        {
            string F(string name) => v[Array.IndexOf(Fields, name)];
            var meta = new PacketMeta
            {
                Frame = long.Parse(F("frame.number")),
                TimestampNs = ParseEpochNs(F("frame.time_epoch")),
                SourceMac = F("eth.src") is { Length: > 0 } sm ? MacAddress.Parse(sm) : default,
                DestinationMac = F("eth.dst") is { Length: > 0 } dm ? MacAddress.Parse(dm) : default,
                SourceIp = NetAddress.Parse(F("ip.src") is { Length: > 0 } s4 ? s4 : F("ipv6.src")),
                DestinationIp = NetAddress.Parse(F("ip.dst") is { Length: > 0 } d4 ? d4 : F("ipv6.dst")),
                Ttl = F("ip.ttl") is { Length: > 0 } ttl ? byte.Parse(ttl) : (byte)0,
                IpId = F("ip.id") is { Length: > 0 } id ? Convert.ToUInt16(id, 16) : (ushort)0,
                SourcePort = ushort.Parse(F("udp.srcport")),
                DestinationPort = ushort.Parse(F("udp.dstport")),
                Transport = Transport.Udp,
            };
            var m = new SipMessage
            {
                IsRequest = F("sip.Method").Length > 0,
                Method = NullIfEmpty(F("sip.Method")),
                StatusCode = F("sip.Status-Code") is { Length: > 0 } st ? int.Parse(st) : 0,
                CallId = NullIfEmpty(F("sip.Call-ID")),
                CSeq = F("sip.CSeq.seq") is { Length: > 0 } cs ? long.Parse(cs) : -1,
                CSeqMethod = NullIfEmpty(F("sip.CSeq.method")),
                From = new SipNameAddress { Uri = F("sip.from.addr"), Tag = NullIfEmpty(F("sip.from.tag")) },
                To = new SipNameAddress { Uri = F("sip.to.addr"), Tag = NullIfEmpty(F("sip.to.tag")) },
                UserAgent = NullIfEmpty(F("sip.User-Agent")),
                Expires = int.TryParse(F("sip.Expires"), out int e) ? e : null,
            };
            if (F("sip.Via.sent-by.address") is { Length: > 0 } host)
                m.Vias.Add(new SipVia
                {
                    Transport = F("sip.Via.transport").ToUpperInvariant(),
                    Host = host,
                    Port = int.TryParse(F("sip.Via.sent-by.port"), out int p) ? p : null,
                    Branch = NullIfEmpty(F("sip.Via.branch")),
                });
            bool challenge = F("sip.WWW-Authenticate").Length > 0 || F("sip.Proxy-Authenticate").Length > 0;
            if (challenge)
                m.Challenges.Add(new SipChallenge
                {
                    IsProxy = F("sip.Proxy-Authenticate").Length > 0,
                    Realm = NullIfEmpty(F("sip.auth.realm")?.Trim('"')),
                    Stale = F("sip.auth.stale").Contains("true", StringComparison.OrdinalIgnoreCase),
                });
            if (F("sip.Authorization").Length > 0 || F("sip.Proxy-Authorization").Length > 0)
                m.Credentials.Add(new SipCredentials
                {
                    IsProxy = F("sip.Proxy-Authorization").Length > 0,
                    Username = NullIfEmpty(F("sip.auth.username").Trim('"')),
                    Realm = NullIfEmpty(F("sip.auth.realm").Trim('"')),
                });
            AddContact(m, F("sip.Contact"));
            if (broken.Contains(meta.Frame)) malformed.Add(meta);
            else result.Add((meta, m));
        }
        return result;
    }

    // "<sip:user@host:port>;expires=3600" or "*" — only what the engine reads.
    private static void AddContact(SipMessage m, string contact)
    {
        if (contact.Length == 0) return;
        if (contact.Trim() == "*") { m.ContactWildcard = true; return; }
        int lt = contact.IndexOf('<'), gt = contact.IndexOf('>');
        string uri = lt >= 0 && gt > lt ? contact[(lt + 1)..gt] : contact.Split(';')[0].Trim();
        int? expires = null;
        int at = contact.IndexOf("expires=", Math.Max(0, gt), StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            var digits = new string(contact[(at + 8)..].TakeWhile(char.IsDigit).ToArray());
            if (int.TryParse(digits, out int e)) expires = e;
        }
        m.Contacts.Add(new SipContact { Uri = uri, Expires = expires });
    }

    private static long ParseEpochNs(string epoch)
    {
        var parts = epoch.Split('.');
        long ns = parts.Length > 1 ? long.Parse(parts[1].PadRight(9, '0')[..9], CultureInfo.InvariantCulture) : 0;
        return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1_000_000_000 + ns;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
