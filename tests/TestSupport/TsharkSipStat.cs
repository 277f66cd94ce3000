using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// What <c>tshark -q -z sip,stat</c> counts: SIP messages, requests per method, responses per status code and
/// "resent" messages — the figures our SIP statistics must equal.
/// </summary>
public sealed partial record TsharkSipStat(
    long Messages, long Resent, Dictionary<string, long> Requests, Dictionary<int, long> Responses)
{
    public static TsharkSipStat Read(string file, params string[] extraArguments) => ReadFiltered(file, null, extraArguments);

    /// <summary>
    /// <c>-z sip,stat,FILTER</c>: only the SIP messages the display filter keeps (e.g. "!websocket" to leave out
    /// SIP over WebSocket); null counts them all.
    /// </summary>
    public static TsharkSipStat ReadFiltered(string file, string? filter, params string[] extraArguments)
    {
        var psi = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true };
        string stat = filter is null ? "sip,stat" : "sip,stat," + filter;
        foreach (var a in new[] { "-n", "-r", file }.Concat(extraArguments).Concat(["-q", "-z", stat])) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("tshark did not start");
        var errors = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tshark exited with {process.ExitCode}: {errors.Result}");
        return Parse(text);
    }

    /// <summary>The figures of a <c>-z sip,stat</c> block in tshark's output (other lines before it are ignored).</summary>
    public static TsharkSipStat Parse(string text)
    {
        var requests = new Dictionary<string, long>();
        var responses = new Dictionary<int, long>();
        foreach (Match m in StatusLine().Matches(text)) responses[int.Parse(m.Groups[1].Value)] = long.Parse(m.Groups[2].Value);
        bool inMethods = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.Contains("List of SIP Request methods")) inMethods = true;
            else if (inMethods && MethodLine().Match(line) is { Success: true } m) requests[m.Groups[1].Value] = long.Parse(m.Groups[2].Value);
            else if (line.TrimStart().StartsWith('*')) inMethods = false;
        }
        return new TsharkSipStat(
            long.Parse(MessagesLine().Match(text).Groups[1].Value),
            long.Parse(ResentLine().Match(text).Groups[1].Value),
            requests,
            responses);
    }

    [GeneratedRegex(@"SIP (\d{3}) .*?:\s+(\d+) Packets")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^\s+(\S+)\s+:\s+(\d+) Packets")]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"Number of SIP messages: (\d+)")]
    private static partial Regex MessagesLine();

    [GeneratedRegex(@"Number of resent SIP messages: (\d+)")]
    private static partial Regex ResentLine();
}
