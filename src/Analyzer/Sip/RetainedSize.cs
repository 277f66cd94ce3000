using PcapSipAnalyzer.Protocols.Sdp;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// What a completed transaction, registration or dialog costs the heap while the report keeps it, estimated
/// once when it is kept (never per packet) from its counts and string lengths. The object sizes are the 64-bit
/// runtime's, as a heap dump of the 2 GB synthesized mix shows them. Strings: the parser hands out one shared
/// string for each value of up to 64 bytes that repeats (URIs, hosts, agents, realms), so those cost nothing per
/// item; what never repeats (Call-ID, branch, tags, nonces, digest responses) and anything longer is counted.
/// A registration or dialog counts the transactions it holds, also when the retained transactions hold them
/// too: each keeps them alive on its own, so the estimate errs high.
/// </summary>
internal static class RetainedSize
{
    private const long Transaction = 336;
    private const long Message = 232;
    private const long Via = 64;
    private const long Contact = 40;
    private const long Credentials = 112;
    private const long Challenge = 72;
    private const long ResponseGroup = 56;
    private const long IcmpQuote = 104;
    private const long Registration = 216;
    private const long RegistrationStep = 96;
    private const long Dialog = 296;
    private const long SdpExchange = 96;
    private const long Sdp = 80;
    private const long SdpMedia = 400; // with its payload list and rtpmap dictionary
    private const long FrameRef = 16;
    private const int MaxSharedLength = 64;

    public static long Of(Transaction t)
    {
        long bytes = Transaction + Unique(t.CallId) + Unique(t.FromTag) + Unique(t.ToTag)
            + Shared(t.RequestUri) + Shared(t.FromUri) + Shared(t.ToUri) + Shared(t.UserAgent) + Shared(t.ServerAgent);
        bytes += ListOf(t.RequestsKept);
        for (int i = 0; i < t.RequestsKept; i++) bytes += Of(t.RequestAt(i));
        bytes += ListOf(t.ResponseGroupCount);
        for (int g = 0; g < t.ResponseGroupCount; g++)
        {
            var group = t.ResponseGroupAt(g);
            bytes += ResponseGroup + Shared(group.Reason) + ListOf(group.MessagesKept);
            for (int i = 0; i < group.MessagesKept; i++) bytes += Of(group.MessageAt(i));
        }
        if (t.AcksIfAny is { } acks)
        {
            bytes += ListOf(acks.Count, always: true);
            foreach (var ack in acks) bytes += Of(ack);
        }
        if (t.IcmpErrorsIfAny is { } quotes) bytes += ListOf(quotes.Count, always: true) + IcmpQuote * quotes.Count;
        return bytes;
    }

    public static long Of(Registration r)
    {
        long bytes = Registration + Unique(r.CallId) + Shared(r.Aor) + Shared(r.Contact) + Shared(r.UserAgent)
            + ListOf(r.StepCount) + RegistrationStep * r.StepCount + ListOf(r.TransactionCount);
        if (r.BoundContactsIfAny is { } contacts)
        {
            bytes += ListOf(contacts.Count, always: true);
            foreach (var contact in contacts) bytes += Of(contact);
        }
        for (int i = 0; i < r.TransactionCount; i++) bytes += Of(r.TransactionAt(i));
        return bytes;
    }

    public static long Of(Dialog d)
    {
        long bytes = Dialog + Unique(d.CallId) + Unique(d.CallerTag) + Unique(d.CalleeTag) + Shared(d.CallerUri) + Shared(d.CalleeUri)
            + FrameRef * d.FrameCount + ListOf(d.TransactionCount);
        if (d.CalleeTagsIfAny is { } tags)
            foreach (var tag in tags) bytes += 8 + Unique(tag);
        if (d.SdpIfAny is { } exchanges)
            foreach (var exchange in exchanges) bytes += 8 + SdpExchange + Of(exchange.Sdp);
        for (int i = 0; i < d.TransactionCount; i++) bytes += Of(d.TransactionAt(i));
        return bytes;
    }

    private static long Of(TransactionMessage m)
    {
        long bytes = Message + Unique(m.ToTag);
        if (m.TopVia is { } via) bytes += Via + Unique(via.Branch) + Shared(via.Host) + Shared(via.Received);
        if (m.OnlyContact is { } contact) bytes += Of(contact);
        else if (m.SeveralContacts is { } contacts)
        {
            bytes += ListOf(contacts.Count, always: true);
            for (int i = 0; i < contacts.Count; i++) bytes += Of(contacts[i]);
        }
        if (m.Credentials is { } c)
            bytes += Credentials + Unique(c.Nonce) + Unique(c.Response) + Unique(c.CNonce) + Shared(c.Username) + Shared(c.Uri);
        if (m.Challenge is { } ch) bytes += Challenge + Unique(ch.Nonce) + Unique(ch.Opaque);
        if (m.Sdp is { } sdp) bytes += Of(sdp);
        return bytes;
    }

    private static long Of(SipContact contact) => Contact + Shared(contact.DisplayName) + Shared(contact.Uri);

    private static long Of(SdpSession sdp)
    {
        long bytes = Sdp + ListOf(sdp.Media.Length, always: true);
        foreach (var media in sdp.Media) bytes += SdpMedia + 4L * media.PayloadTypes.Length;
        return bytes;
    }

    // A list object and its array; a single item is held without one (SmallList) unless the holder always makes it.
    private static long ListOf(int count, bool always = false) => count > 1 || always ? 32 + 16 + 8L * count : 0;

    private static long Unique(string? s) => s is null ? 0 : 24 + 2L * s.Length;

    private static long Shared(string? s) => s is null || s.Length <= MaxSharedLength ? 0 : Unique(s);
}
