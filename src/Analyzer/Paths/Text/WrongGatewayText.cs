using System.Text;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a response-wrong-gateway finding.</summary>
internal static class WrongGatewayText
{
    public static FindingText Write(PathProblem p, PathFindingContext c)
    {
        var key = p.KeyPath;
        var text = new StringBuilder();
        text.Append(Path(key, c)).Append(", and ").Append(key.DeliveryEvidence)
            .Append($", so the {Status(key)} never reached it.");
        AppendOthers(text, p.Client, p.Paths, "lost their responses this way");
        AppendRouteHint(text, key);
        AppendPassword(text, c.Password(p.Paths));
        return new FindingText(
            $"Responses to {p.Client} leave {Via(key)} {key.ResponseHop!.Describe()}, not the next hop its requests come from, and never reach it.",
            text.ToString(),
            ClientSymptoms.LostResponses(p.Paths, c));
    }
}
