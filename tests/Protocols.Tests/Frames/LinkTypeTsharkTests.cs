using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>
/// The crafted frames of <see cref="LinkTypeCases"/>, one interface per link type in one pcapng, read by tshark:
/// the innermost addresses and ports it decodes are the decoder's. Guards against a header laid out the way the
/// decoder expects but no real capture writes.
/// </summary>
public sealed class LinkTypeTsharkTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pcapsip-linktypes-{Guid.NewGuid():N}.pcapng");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void InnermostAddressesAndPortsAgreeWithTshark()
    {
        var cases = LinkTypeCases.All.Where(c => c.TsharkReads).ToList();
        using (var writer = new PcapngWriter(File.Create(_path)))
        {
            for (int i = 0; i < cases.Count; i++)
                writer.AddInterface(new CaptureInterface { Id = i, LinkType = cases[i].LinkType, SnapLength = 262144 });
            for (int i = 0; i < cases.Count; i++)
                writer.WritePacket(i, SyntheticCapture.StartNs + i * SyntheticCapture.SpacingNs, cases[i].Frame, cases[i].Frame.Length);
        }

        var rows = Tshark.Fields(_path, [], "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "udp.srcport", "udp.dstport");
        Assert.Equal(cases.Count, rows.Count);
        var mismatches = new List<string>();
        var frame = new DecodedFrame();
        for (int i = 0; i < cases.Count; i++)
        {
            FrameDecoder.Decode(cases[i].LinkType, cases[i].Frame, ref frame);
            string[] theirs = cases[i].V6 ? [Last(rows[i], 2), Last(rows[i], 3)] : [Last(rows[i], 0), Last(rows[i], 1)];
            string[] expected = [.. theirs, Last(rows[i], 4), Last(rows[i], 5)];
            string[] ours = [frame.SourceIp.ToString(), frame.DestinationIp.ToString(), frame.SourcePort.ToString(), frame.DestinationPort.ToString()];
            if (!expected.SequenceEqual(ours))
                mismatches.Add($"{cases[i].Name}: tshark {string.Join(' ', expected)}, ours {string.Join(' ', ours)}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static string Last(string[] row, int field) => field < row.Length ? row[field].Split(',')[^1] : "";
}
