using System.Text.Json;
using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// Debian's <c>chromium</c> in headless mode (installed by test.sh and CI like tshark; a missing browser fails the
/// test, it never skips it): renders a page to a PNG, or dumps the DOM it built while logging every network
/// request it made.
/// </summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    // The browser's own background traffic (updates, sync, spelling dictionaries) kept down, and every host
    // name made unresolvable, so a request the page makes fails fast but is still logged.
    private static string[] Flags(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--no-pings", "--disable-features=Translate,OptimizationHints,MediaRouter,SpellcheckService",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars", $"--user-data-dir={profile}",
    ];

    public static void Screenshot(string page, string png, int width, int height)
    {
        using var profile = new TempFolder();
        var run = Run([.. Flags(profile.Path), $"--screenshot={png}", $"--window-size={width},{height}", new Uri(page).AbsoluteUri]);
        Assert.True(File.Exists(png), $"chromium wrote no screenshot (exit {run.ExitCode}): {run.Error}");
    }

    /// <summary>The DOM after loading <paramref name="page"/>, and the URLs the page itself requested (not the browser's own background requests).</summary>
    public static (string Dom, List<string> PageRequests) Load(string page)
    {
        using var profile = new TempFolder();
        string log = profile.File("net-log.json");
        var run = Run([.. Flags(profile.Path), $"--log-net-log={log}", "--dump-dom", new Uri(page).AbsoluteUri]);
        Assert.True(run.Output.Contains("<html", StringComparison.OrdinalIgnoreCase), $"chromium dumped no DOM (exit {run.ExitCode}): {run.Error}");
        Assert.True(File.Exists(log), "chromium wrote no net log");
        return (run.Output, PageRequests(log));
    }

    // A request a page makes carries the page's origin (a file page's is "null"); the browser's own carry "not an origin".
    private static List<string> PageRequests(string log)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(log));
        int startJob = json.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var urls = new List<string>();
        foreach (var e in json.RootElement.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("type").GetInt32() != startJob || !e.TryGetProperty("params", out var p) || !p.TryGetProperty("url", out var url)) continue;
            string initiator = p.TryGetProperty("initiator", out var i) ? i.GetString() ?? "" : "";
            string isolation = p.TryGetProperty("network_isolation_key", out var k) ? k.GetString() ?? "" : "";
            if (initiator != "not an origin" || isolation.Contains("file://", StringComparison.Ordinal))
                urls.Add(url.GetString() ?? "");
        }
        return urls;
    }

    private static CliRun Run(string[] args)
    {
        try
        {
            return PcapsipCli.Run("chromium", args, Timeout);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"chromium did not start ({e.Message}): ./test.sh installs Debian's chromium, as CI does.");
            throw;
        }
    }
}
