using System.Collections.Concurrent;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// A multi-interface capture split per interface with <c>tshark -Y frame.interface_id==N -w part.pcapng</c>,
/// once per test run: tshark follows TCP streams and RTP sequence numbers across interfaces, so a router that
/// captured both legs is compared with tshark one leg at a time.
/// </summary>
public static class InterfaceParts
{
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<string>>> Cache = new();

    /// <summary>The per-interface files of <paramref name="file"/> in interface order; the file itself when it has one interface.</summary>
    public static IReadOnlyList<string> Of(string file) =>
        Cache.GetOrAdd(file, f => new Lazy<IReadOnlyList<string>>(() => Tshark.SplitByInterface(f))).Value;
}
