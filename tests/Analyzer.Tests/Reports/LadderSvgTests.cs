using System.Text;
using System.Xml.Linq;
using PcapSipAnalyzer.Analyzer.Reports.Html;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>How a ladder's columns are written: names that fit their boxes, the picture sized to fit the page.</summary>
public class LadderSvgTests
{
    [Fact]
    public void An_ipv6_endpoint_is_written_as_its_address_with_the_port_on_the_second_line()
    {
        const string V6 = "[fd17:625c:f037:2:a00:27ff:feb9:1521]:15060", V4 = "192.168.1.20:5060";
        var ladder = new Ladder
        {
            Title = "t",
            Stops =
            [
                new LadderStop { Name = V6, Detail = "client", Endpoint = V6, IsClient = true },
                new LadderStop { Name = V4, Detail = "server", Endpoint = V4, IsServer = true },
            ],
            Arrows = [],
        };
        var html = new StringBuilder();
        LadderSvg.Write(html, ladder);
        var svg = XElement.Parse(html.ToString());
        var texts = svg.Descendants("text").Select(t => ((string?)t.Attribute("class"), t.Value)).ToList();
        Assert.Contains(("hostname long", "fd17:625c:f037:2:a00:27ff:feb9:1521"), texts);
        Assert.Contains(("hostdetail", "port 15060 · client"), texts);
        // A name that fits keeps its port and its size.
        Assert.Contains(("hostname", V4), texts);
        Assert.Contains(("hostdetail", "server"), texts);
        // The whole endpoint stays in the column's data for scripts.
        Assert.Contains(svg.Descendants("g"), g => (string?)g.Attribute("data-name") == V6);
        // The picture shrinks to fit the page down to three quarters of its width, inside a box that scrolls past that.
        var picture = svg.Element("svg")!;
        Assert.Equal("ladder-wrap", (string?)svg.Attribute("class"));
        Assert.Equal($"min-width: {LadderSvg.MinimumWidth(int.Parse((string)picture.Attribute("width")!))}px", (string?)picture.Attribute("style"));
    }
}
