using System.Text;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>
/// The words of a response-wrong-source finding: over UDP the answer came from another address than the request went
/// to, and a NAT or stateful firewall on the way dropped it.
/// </summary>
internal static class ResponseWrongSourceText
{
    public static FindingText Write(PathProblem p, PathFindingContext c)
    {
        var key = p.KeyPath;
        var t = key.Transaction;
        string from = key.RepliedFrom!;
        bool sameHost = PathFindingBuilder.SameHost(key);
        var text = new StringBuilder();
        text.Append($"The {t.Method} from {p.Client} went to {t.Server} and came in from {key.RequestHop?.Describe() ?? "an unknown next hop"}; ")
            .Append($"its {Status(key)} came from {from}")
            .Append(sameHost ? " — another address of the same host (the MAC the request went to)" : " — another host")
            .Append($" — and left toward {key.ResponseHop?.Describe() ?? "an unknown next hop"}; {key.DeliveryEvidence}. ")
            .Append("A NAT or stateful firewall on the way takes an answer from an address the request did not go to for traffic of its own, "
                    + "matches it to nothing it saw, and drops it (a phone that checks where answers come from would drop it too)")
            .Append(sameHost ? ": a server with several addresses bound to 0.0.0.0 answers from the address its kernel picks." : ".");
        AppendOthers(text, p.Client, p.Paths, "were answered from elsewhere this way");
        AppendPassword(text, c.Password(p.Paths));
        return new FindingText(
            $"Responses to {p.Client} come from {from}, not {t.Server} where the {t.Method} went, and never arrive.",
            text.ToString(),
            ClientSymptoms.LostResponses(p.Paths, c));
    }
}
