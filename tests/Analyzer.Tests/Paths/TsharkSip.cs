using System.Diagnostics;
using System.Globalization;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// SIP messages of a capture as tshark dissects them, keyed by frame number: an oracle parser independent of
/// ours, so the path analysis can be checked end to end on real captures. One message per frame (the first).
/// </summary>
internal static class TsharkSip
{
    private static readonly string[] Fields =
    [
        "frame.number", "sip.Method", "sip.Status-Code", "sip.Status-Line", "sip.r-uri", "sip.Call-ID", "sip.CSeq.seq",
        "sip.CSeq.method", "sip.Via", "sip.from.addr", "sip.from.tag", "sip.to.addr", "sip.to.tag",
        "sip.WWW-Authenticate", "sip.Proxy-Authenticate", "sip.Authorization", "sip.Proxy-Authorization",
        "sip.auth.nonce", "sip.auth.username", "sip.auth.realm", "sip.auth.uri", "sip.auth.digest.response",
        "sip.auth.stale", "sip.auth.qop", "sip.auth.nc", "sip.auth.cnonce", "sip.auth.algorithm", "sip.Expires",
        "sip.User-Agent",
    ];

    public static Dictionary<long, SipMessage> Read(string capture)
    {
        var args = new List<string> { "-r", capture, "-Y", "sip && !icmp && !icmpv6", "-T", "fields", "-E", "separator=\t",
                                      "-E", "occurrence=f" };
        foreach (var f in Fields) { args.Add("-e"); args.Add(f); }
        var psi = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tshark failed: {stderr.Result}");

        var messages = new Dictionary<long, SipMessage>();
        foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var v = line.Split('\t');
            string F(int i) => i < v.Length ? v[i] : "";
            string? N(int i) => F(i).Length == 0 ? null : Unquote(F(i));
            var m = new SipMessage
            {
                IsRequest = F(1).Length > 0,
                Method = N(1),
                StatusCode = F(2).Length > 0 ? int.Parse(F(2), CultureInfo.InvariantCulture) : 0,
                ReasonPhrase = ReasonOf(F(3)),
                RequestUri = N(4),
                CallId = N(5),
                CSeq = F(6).Length > 0 ? long.Parse(F(6), CultureInfo.InvariantCulture) : -1,
                CSeqMethod = N(7),
                From = new SipNameAddress { Uri = F(9), Tag = N(10) },
                To = new SipNameAddress { Uri = F(11), Tag = N(12) },
                Expires = F(27).Length > 0 ? int.Parse(F(27), CultureInfo.InvariantCulture) : null,
                UserAgent = N(28),
            };
            if (ParseVia(F(8)) is { } via) m.Vias.Add(via);
            bool challenge = F(13).Length > 0 || F(14).Length > 0;
            bool credentials = F(15).Length > 0 || F(16).Length > 0;
            if (!m.IsRequest && challenge)
                m.Challenges.Add(new SipChallenge { IsProxy = F(13).Length == 0, Realm = N(19), Nonce = N(17),
                                                    Stale = F(22).Equals("true", StringComparison.OrdinalIgnoreCase), Qop = N(23), Algorithm = N(26) });
            if (m.IsRequest && credentials)
                m.Credentials.Add(new SipCredentials { IsProxy = F(15).Length == 0, Username = N(18), Realm = N(19), Nonce = N(17),
                                                       Uri = N(20), Response = N(21), Qop = N(23), NonceCount = N(24),
                                                       CNonce = N(25), Algorithm = N(26) });
            messages[long.Parse(F(0), CultureInfo.InvariantCulture)] = m;
        }
        return messages;
    }

    private static string Unquote(string s) => s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;

    private static string? ReasonOf(string statusLine)
    {
        var parts = statusLine.Split(' ', 3);
        return parts.Length == 3 ? parts[2] : null;
    }

    /// <summary>"SIP/2.0/UDP host:port;branch=…;rport" → SipVia.</summary>
    private static SipVia? ParseVia(string text)
    {
        if (text.Length == 0) return null;
        var parameters = text.Split(';');
        var head = parameters[0].Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (head.Length < 2) return null;
        var via = new SipVia { Transport = head[0][(head[0].LastIndexOf('/') + 1)..].ToUpperInvariant() };
        var sentBy = head[1].Trim();
        int colon = sentBy.LastIndexOf(':');
        if (colon > 0 && !sentBy.EndsWith(']') && int.TryParse(sentBy[(colon + 1)..], out int port))
        {
            via.Host = sentBy[..colon];
            via.Port = port;
        }
        else via.Host = sentBy;
        foreach (var p in parameters.Skip(1))
        {
            var kv = p.Trim().Split('=', 2);
            switch (kv[0].ToLowerInvariant())
            {
                case "branch": via.Branch = kv.Length > 1 ? kv[1] : ""; break;
                case "received": via.Received = kv.Length > 1 ? kv[1] : null; break;
                case "rport":
                    via.HasRport = true;
                    if (kv.Length > 1 && int.TryParse(kv[1], out int rport)) via.Rport = rport;
                    break;
            }
        }
        return via;
    }
}
