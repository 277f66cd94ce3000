using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

public class PortOwnerTests
{
    private static readonly MacAddress Pbx = MacAddress.Parse("02:a0:00:00:00:10");
    private static readonly MacAddress Router = MacAddress.Parse("02:a0:00:00:00:01");
    private static readonly MacAddress Desk = MacAddress.Parse("02:a0:00:00:00:30");
    private static readonly MacAddress Phone = MacAddress.Parse("02:a0:00:00:00:31");

    [Fact]
    public void A_capture_of_one_devices_port_names_that_device_even_with_a_little_flooding()
    {
        var port = new PortOwner();
        for (int i = 0; i < 200; i++)
        {
            port.Note(Router, Pbx);
            port.Note(Pbx, i % 2 == 0 ? Router : Desk);
        }
        port.Note(Desk, Phone); // one flooded frame before the switch learnt
        Assert.Equal(Pbx, port.Owner);
    }

    [Fact]
    public void A_mirror_of_a_shared_segment_has_no_owner()
    {
        var port = new PortOwner();
        for (int i = 0; i < 100; i++)
        {
            port.Note(Router, Pbx);
            port.Note(Desk, Phone);
        }
        Assert.True(port.Owner.IsNone);
    }

    [Fact]
    public void Broadcasts_and_frames_without_macs_teach_nothing()
    {
        var port = new PortOwner();
        port.Note(Pbx, MacAddress.Parse("ff:ff:ff:ff:ff:ff"));
        port.Note(default, Pbx);
        Assert.Equal(0, port.Frames);
        Assert.True(port.Owner.IsNone);
    }
}
