using System.Globalization;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a nat-binding-expired finding: a call sent where a phone registered from, after its NAT forgot it.</summary>
internal static class NatBindingExpiredText
{
    /// <summary>What the user sees: the phone can call out, and calls to it never ring.</summary>
    public const string Symptom = "Outgoing calls work; incoming calls never ring: the caller gets a timeout (408) or voicemail, "
                                  + "while the phone shows itself registered.";

    public static FindingText Write(PathProblem p, PathFindingContext c, double idleSeconds, int icmpErrors)
    {
        var t = p.KeyPath.Transaction;
        var registration = p.RegisteredFrom!.Transaction;
        string idle = idleSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        string nat = t.Requests[0].Meta.DestinationIp.ToString();
        string answered = icmpErrors > 0
            ? $"{nat} answered {(icmpErrors == 1 ? "it" : $"each of its {icmpErrors} copies")} with ICMP port unreachable"
            : $"nothing answered any of its {t.RequestCount} copies";
        string text = $"{p.Client} registered {registration.FromUri ?? "a phone"} (REGISTER in frame {registration.FirstFrame.Frame}, 2xx delivered); "
                      + $"its Via names {PathFindingBuilder.ViaHostBehindNat(registration)}, so {p.Client} is a NAT's address and port for it. "
                      + $"{idle} s after the phone's last packet, {t.Client} sent {t.Method} {(t.RequestUri is { } uri ? uri + " " : "")}there "
                      + $"(frame {t.FirstFrame.Frame}) and {answered}: the NAT no longer had a binding for the phone, so the request never reached it. "
                      + "The phone's own requests open a new binding each time; nothing kept this one alive between them (no keepalives, or "
                      + "keepalives and re-registrations further apart than the NAT's UDP timeout).";
        return new FindingText(
            $"The {t.Method} to {p.Client} never reaches the phone: the NAT it registered through had forgotten it {idle} s after its last packet.",
            text,
            Symptom);
    }
}
