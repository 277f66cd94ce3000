namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>What the phone most likely shows, in the words its user would report.</summary>
internal static class ClientSymptoms
{
    public const string AvayaMessage = "\u201cInvalid extension or wrong password\u201d";
    public const string AvayaWording = AvayaMessage + " on Avaya softphones";

    /// <summary>An INVITE that got nothing back, not even 100 Trying.</summary>
    public const string UnansweredInvite = "The call never rings: the caller hears nothing and, after about 32 seconds, sees it fail with a timeout "
                                           + "(\u201cRequest Timeout\u201d, 408) — while the phone may still show itself registered.";

    public const string ConnectionUnreachable = "The phone cannot open its connection to the server and shows it as unreachable.";

    /// <summary>When the responses to these transactions never arrived.</summary>
    public static string LostResponses(List<TransactionPath> paths, PathFindingContext c)
    {
        if (paths.Count > 0 && c.RegisteredEarlier(paths[0].Transaction.Client) is { } earlier
            && paths.Exists(p => p.Transaction.Method == "REGISTER" && p.Transaction.FirstRequestNs > earlier.Transaction.FirstRequestNs))
        {
            var ok = earlier.FinalResponse!.Messages[0];
            return $"The phone had registered at {Reports.Timestamps.Clock(ok.TimestampNs)} (frame {ok.Frame.Frame}), so its credentials were accepted; "
                   + "its later REGISTER (a refresh) got no answer back: it stays registered until that binding expires, then reports the registration as failed "
                   + $"(some softphones word it as {AvayaMessage}).";
        }
        var auth = paths.Find(p => p.Transaction.Method == "REGISTER" && p.Authenticated);
        if (auth is not null)
        {
            string accepted = auth.FinalResponse?.Status is >= 200 and < 300 ? " — the server had in fact accepted them" : "";
            return $"The phone got the 401 challenge and sent its credentials, but never received the answer: it will report its credentials as wrong ({AvayaWording}) although they were never rejected{accepted}.";
        }
        if (paths.Exists(p => p.Transaction.Method == "REGISTER"))
            return $"The phone never receives any answer to its REGISTER, not even the challenge: it shows the registration as failing or timing out (some softphones, Avaya's among them, word it as {AvayaMessage}) although its credentials were never even checked.";
        if (paths.Exists(p => p.Transaction.Method == "INVITE"))
            return paths.TrueForAll(p => p.Transaction.Responses.Count == 0)
                ? UnansweredInvite
                : "Calls fail: the phone never sees the answer to its INVITE and gives up after a timeout, or the call drops for lack of an ACK.";
        return "Requests from the phone time out: it never sees the server's answers.";
    }
}
