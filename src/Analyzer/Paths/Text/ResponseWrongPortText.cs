using System.Text;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>
/// The words of a response-wrong-port finding: over UDP the server answered where the request's Via points, not
/// where the request came from, and the answer never arrived.
/// </summary>
internal static class ResponseWrongPortText
{
    public static FindingText Write(PathProblem p, PathFindingContext c)
    {
        var key = p.KeyPath;
        var t = key.Transaction;
        string from = t.Client;
        string to = key.RepliedTo!;
        bool samePort = Packets.EndpointText.HostOf(from) == Packets.EndpointText.HostOf(to);
        string what = samePort ? "port" : "address";
        var text = new StringBuilder();
        text.Append($"The {t.Method} came from {from}, but {c.ServerName(t)} sent its {Status(key)} to {to}");
        text.Append(key.ViaAsksRport
            ? $" although the request's Via asked for rport (RFC 3581: answer at the source port): the server ignores rport"
            : $", the {what} the request's Via names: without rport in the Via, RFC 3261 (§18.2.2) sends the answer there, not back to the source");
        text.Append($"; {key.DeliveryEvidence}.");
        text.Append(samePort
            ? $" A NAT on the way gave the {t.Method} a new source port and keeps its binding for that port only: the answer to the Via's port finds no binding and is dropped."
            : " The Via names an address the server cannot reach (a private address behind a NAT): the answer goes astray.");
        AppendOthers(text, p.Client, p.Paths, "had their responses sent elsewhere this way");
        AppendPassword(text, c.Password(p.Paths));
        return new FindingText(
            $"Responses to {p.Client} go to {to} instead, the {what} its Via names, and never arrive.",
            text.ToString(),
            ClientSymptoms.LostResponses(p.Paths, c));
    }
}
