using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>Runs tshark (installed by CI; a missing tshark fails the test) and reads what it says.</summary>
internal static partial class Tshark
{
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tshark failed: {stderr.Result}");
        return output;
    }

    /// <summary>The counts of <c>tshark -q -z sip,stat</c>.</summary>
    public static (Dictionary<string, long> Requests, Dictionary<int, long> Responses, long Messages, long Resent) SipStat(string file)
    {
        string text = Run("-n", "-r", file, "-q", "-z", "sip,stat");
        var requests = new Dictionary<string, long>();
        var responses = new Dictionary<int, long>();
        foreach (Match m in StatusLine().Matches(text)) responses[int.Parse(m.Groups[1].Value)] = long.Parse(m.Groups[2].Value);
        bool inMethods = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.Contains("List of SIP Request methods")) { inMethods = true; continue; }
            if (inMethods && MethodLine().Match(line) is { Success: true } m) requests[m.Groups[1].Value] = long.Parse(m.Groups[2].Value);
            else if (inMethods && line.TrimStart().StartsWith('*')) inMethods = false;
        }
        long messages = long.Parse(MessagesLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        long resent = long.Parse(ResentLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        return (requests, responses, messages, resent);
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
