using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a connection-refused finding.</summary>
internal static class ConnectionRefusedText
{
    public static FindingText Write(PathProblem p, int attempts)
    {
        var h = p.Handshakes[0];
        string server = h.Key.ServerEndpoint;
        string tries = attempts > 1
            ? $"It tried {Times(attempts, "time")}, each connection refused the same way"
            : "It tried once in this capture (a phone tries again; a port scan does not)";
        return new FindingText(
            $"{server} refused the TCP connection of {p.Client}: it answered the SYN with a reset.",
            $"{p.Client} opened a TCP connection to {server} (SYN, frame {h.FirstSyn.Frame}) and {server} itself answered with a reset "
            + $"(frame {h.ResetFrame.Frame}) instead of a SYN-ACK: nothing there accepts the connection — SIP over TCP is off on the server, "
            + $"it listens on another port, or a firewall on it rejects the port. No SIP message could be sent. {tries}.",
            "The phone cannot open its connection to the server: it shows the server as unreachable or the registration as failed, at once, "
            + "without waiting for a timeout.");
    }
}
