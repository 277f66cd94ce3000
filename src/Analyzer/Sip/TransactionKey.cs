using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Identity of a transaction at one capture point (RFC 3261 §17.1.3): the top Via branch with the magic
/// cookie and the CSeq method. Without the cookie (RFC 2543 peers) the fallback adds the Via sent-by, Call-ID,
/// From tag and the CSeq number. The addresses the packets travel between are deliberately not part
/// of it: a response that comes back from another address than the request went to still pairs.
/// </summary>
public readonly record struct TransactionKey(
    int Capture, string Method, string SentBy, string Branch, string? CallId, string? FromTag, long CSeq)
{
    /// <summary>True when the RFC 2543 fallback (no z9hG4bK cookie) was used.</summary>
    public bool IsRfc2543 => CallId is not null;

    /// <summary>Seeded per process over every field: CSeq is the message's, and the generated hash adds it linearly.</summary>
    public override int GetHashCode() => HashCode.Combine(Capture, Method, SentBy, Branch, CallId, FromTag, CSeq);

    /// <summary>The same key for another method (ACK and CANCEL look up their INVITE).</summary>
    public TransactionKey WithMethod(string method) => this with { Method = method };

    /// <summary>Builds the key of a message for <paramref name="method"/>; false when the message lacks a Via.</summary>
    public static bool TryCreate(int capture, SipMessage message, string method, out TransactionKey key)
    {
        var via = message.TopVia;
        if (via is null || via.Host.Length == 0)
        {
            key = default;
            return false;
        }
        if (via.HasMagicCookie)
        {
            // RFC 3261 §17.1.3: a response matches its client transaction by branch and CSeq method alone. The
            // sent-by is left out: a NAT or SIP ALG on the way back may rewrite it (Via port 5260 in the request,
            // 5860;rport=5260 in its response), and the branch is unique by itself.
            key = new TransactionKey(capture, method, "", via.Branch!, null, null, -1);
            return true;
        }
        string sentBy = NormalizeSentBy(via);
        key = new TransactionKey(capture, method, sentBy, via.Branch ?? "", message.CallId ?? "",
            message.From?.Tag ?? "", message.CSeq);
        return true;
    }

    // sent-by compares host case-insensitively with the default port filled in (RFC 3261 §18.2.1).
    private static string NormalizeSentBy(SipVia via)
    {
        int port = via.Port ?? (string.Equals(via.Transport, "TLS", StringComparison.OrdinalIgnoreCase) ? 5061 : 5060);
        return string.Concat(via.Host.ToLowerInvariant(), ":", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
