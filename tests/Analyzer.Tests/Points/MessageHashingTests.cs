using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Tests.Points;

/// <summary>
/// A message's hash serves only to find it again at another capture point, so it is made exactly where another
/// point can exist: not for the one interface of a lone pcap file, for every point otherwise.
/// </summary>
public class MessageHashingTests
{
    [Fact]
    public async Task ALonePcapFileHasOnePointAndItsMessagesAreNotHashed()
    {
        var result = await LabPoints.PbxAsync("wrong-gateway-drop");
        var point = Assert.Single(result.Points);
        Assert.False(point.HashesMessages);
        var copies = Copies(point).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, h => Assert.Equal(0UL, h));
    }

    [Fact]
    public async Task APcapngFileMayHaveSeveralInterfacesSoItsMessagesAreHashed()
    {
        var result = await LabPoints.AnalyzeAsync(CaptureInput.ForFile(LabPoints.File("wrong-gateway-drop", "router1.pcapng")));
        Assert.Equal(2, result.Points.Count);
        AllHashed(result);
    }

    [Fact]
    public async Task TwoInputsAreTwoPointsAndEveryMessageIsHashed()
    {
        var result = await LabPoints.BothAsync("wrong-gateway-drop");
        Assert.Equal(3, result.Points.Count);
        AllHashed(result);
    }

    [Fact]
    public async Task APcapFileWithAnInterfaceNamedAsAPointIsHashed()
    {
        var pbx = LabPoints.File("wrong-gateway-drop", "pbx-uplink.pcap");
        var input = CaptureInput.For([pbx], [new PcapSipAnalyzer.Analyzer.Points.PointSpec("uplink", pbx, "0")]).Single();
        var result = await LabPoints.AnalyzeAsync(input);
        AllHashed(result);
    }

    private static void AllHashed(AnalysisResult result)
    {
        foreach (var point in result.Points)
        {
            Assert.True(point.HashesMessages, point.Name);
            var copies = Copies(point).ToList();
            Assert.NotEmpty(copies);
            Assert.All(copies, h => Assert.NotEqual(0UL, h));
        }
    }

    private static IEnumerable<ulong> Copies(CapturePoint point) =>
        point.Sip.Transactions.SelectMany(t => t.Requests.Select(m => m.PayloadHash)
            .Concat(t.Responses.SelectMany(g => g.Messages).Select(m => m.PayloadHash)));
}
