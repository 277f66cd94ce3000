using System.Diagnostics;
using System.Globalization;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>A capture cut the way dumpcap's ring buffer would have written it: <c>editcap -c N</c>, files in name order.</summary>
internal static class RingBufferSet
{
    public static List<string> Cut(string whole, int packetsPerFile, TempFolder folder)
    {
        var split = Process.Start(new ProcessStartInfo("editcap", ["-c", packetsPerFile.ToString(CultureInfo.InvariantCulture), whole, folder.File("ring.pcap")])
            { RedirectStandardError = true })!;
        split.WaitForExit();
        Assert.Equal(0, split.ExitCode);
        return Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal).ToList();
    }
}
