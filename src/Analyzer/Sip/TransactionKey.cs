using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Identity of a transaction at one capture point (RFC 3261 §17.1.3): the top Via branch with the magic
/// cookie and the CSeq method. Without the cookie (RFC 2543 peers) the fallback adds the Via sent-by, Call-ID,
/// From tag and the CSeq number. The addresses the packets travel between are deliberately not part
/// of it: a response that comes back from another address than the request went to still pairs.
/// </summary>
public readonly struct TransactionKey : IEquatable<TransactionKey>
{
    // Hashed once when made: a message looks its key up, adds it and removes it again (several string hashes
    // each time), and a flood's messages are mostly new keys.
    private readonly int _hash;

    public TransactionKey(int capture, string method, string sentBy, string branch, string? callId, string? fromTag, long cseq)
        : this(capture, method, sentBy, branch, callId, fromTag, cseq,
            // Seeded per process over every field: CSeq is the message's, and a plain sum would add it linearly.
            HashCode.Combine(capture, method, sentBy, branch, callId, fromTag, cseq))
    {
    }

    private TransactionKey(int capture, string method, string sentBy, string branch, string? callId, string? fromTag, long cseq, int hash)
    {
        Capture = capture;
        Method = method;
        SentBy = sentBy;
        Branch = branch;
        CallId = callId;
        FromTag = fromTag;
        CSeq = cseq;
        _hash = hash;
    }

    public int Capture { get; }
    public string Method { get; }
    public string SentBy { get; }
    public string Branch { get; }
    public string? CallId { get; }
    public string? FromTag { get; }
    public long CSeq { get; }

    /// <summary>True when the RFC 2543 fallback (no z9hG4bK cookie) was used.</summary>
    public bool IsRfc2543 => CallId is not null;

    public override int GetHashCode() => _hash;

    public bool Equals(TransactionKey other) =>
        _hash == other._hash && Capture == other.Capture && CSeq == other.CSeq && Method == other.Method
        && Branch == other.Branch && SentBy == other.SentBy && CallId == other.CallId && FromTag == other.FromTag;

    public override bool Equals(object? obj) => obj is TransactionKey other && Equals(other);
    public static bool operator ==(TransactionKey a, TransactionKey b) => a.Equals(b);
    public static bool operator !=(TransactionKey a, TransactionKey b) => !a.Equals(b);

    /// <summary>The same key for another method (ACK and CANCEL look up their INVITE).</summary>
    public TransactionKey WithMethod(string method) => new(Capture, method, SentBy, Branch, CallId, FromTag, CSeq);

    public override string ToString() => $"{Method} {Branch} {SentBy} {CallId} {FromTag} {CSeq}";

    /// <summary>The key of a transaction whose branch has the magic cookie: branch and method alone.</summary>
    public static TransactionKey ForBranch(int capture, string method, string branch) =>
        new(capture, method, "", branch, null, null, -1);

    /// <summary>
    /// The key of <see cref="ForBranch(int, string, string)"/> made again with the hash it had: hashing the
    /// branch and the method is most of making a key, and the live table makes a transaction's key twice more.
    /// </summary>
    internal static TransactionKey ForBranch(int capture, string method, string branch, int hash) =>
        new(capture, method, "", branch, null, null, -1, hash);

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
            key = ForBranch(capture, method, via.Branch!);
            return true;
        }
        string sentBy = NormalizeSentBy(via);
        key = new TransactionKey(capture, method, sentBy, via.Branch ?? "", message.CallId ?? "",
            message.FromTag ?? "", message.CSeq);
        return true;
    }

    // sent-by compares host case-insensitively with the default port filled in (RFC 3261 §18.2.1).
    private static string NormalizeSentBy(SipVia via)
    {
        int port = via.Port ?? (string.Equals(via.Transport, "TLS", StringComparison.OrdinalIgnoreCase) ? 5061 : 5060);
        return string.Concat(via.Host.ToLowerInvariant(), ":", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
