using PcapSipAnalyzer.Analyzer.Handoff;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Issue 7, the annotated copy: on every lab capture, <c>tshark -Y 'frame.comment contains "pcapsip:"'</c> on
/// the copy lists exactly the frames the findings cite, and every packet of the copy is the input's packet —
/// same bytes and lengths as libpcap reads them, same timestamps (ns) and interfaces as tshark shows them.
/// </summary>
public class AnnotatedCaptureTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var name in LabScenario.Names())
        {
            data.Add($"lab/{name}/pbx-uplink.pcap");
            if (File.Exists(Fixtures.PathOf($"lab/{name}/router1.pcapng"))) data.Add($"lab/{name}/router1.pcapng");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task Comments_sit_on_exactly_the_cited_frames_and_packets_are_unchanged(string capture)
    {
        string input = Fixtures.PathOf(capture);
        var report = PipelineReport.Of(input);
        using var folder = new TempFolder();
        string output = folder.File("annotated.pcapng");
        await CaptureAnnotator.WriteAsync(report.Result, output, flaggedOnly: false);

        var cited = report.Result.Findings.SelectMany(f => f.Frames).Where(f => f.Capture == 0).Select(f => f.Frame).Distinct().Order().ToList();
        var fields = new[] { "frame.number", "frame.time_epoch", "frame.len", "frame.cap_len", "frame.interface_id", "frame.comment" };
        var copied = Tshark.Fields(output, "frame", fields, "-n", "-E", "occurrence=a", "-E", "aggregator=;");
        var commented = copied.Where(r => r[5].Contains("pcapsip:", StringComparison.Ordinal)).Select(r => long.Parse(r[0])).ToList();
        Assert.Equal(cited, commented);

        var original = LibpcapCapture.ReadAll(input);
        var copy = LibpcapCapture.ReadAll(output);
        Assert.Equal(original.Count, copy.Count);
        for (int i = 0; i < original.Count; i++)
        {
            Assert.True(original[i].Data.AsSpan().SequenceEqual(copy[i].Data), $"{capture} frame {i + 1}: bytes differ");
            Assert.Equal((i + 1, original[i].OriginalLength, original[i].TimestampNs), (i + 1, copy[i].OriginalLength, copy[i].TimestampNs));
        }
        // Timestamps to the nanosecond and interfaces, as tshark shows them (a pcap input has no interface field).
        var read = Tshark.Fields(input, "frame", fields[..5], "-n");
        Assert.Equal(read.Count, copied.Count);
        for (int i = 0; i < read.Count; i++)
        {
            var expected = read[i][4].Length == 0 ? read[i][..4].Append("0") : read[i];
            Assert.Equal(string.Join(' ', expected), string.Join(' ', copied[i][..5]));
        }
    }

    [Fact]
    public void The_command_annotates_the_field_case_and_names_the_kind_in_each_comment()
    {
        var scenario = LabScenario.Load("wrong-gateway-drop");
        using var folder = new TempFolder();
        string output = folder.File("field-case.pcapng");
        PcapsipCli.Run("analyze", scenario.PbxUplink, "--annotate", output, "--no-progress").Succeeded();

        var comments = Tshark.Fields(output, "frame.comment contains \"pcapsip:\"", ["frame.comment"], "-n");
        Assert.NotEmpty(comments);
        Assert.All(comments, c => Assert.Contains("pcapsip: response-wrong-gateway: ", c[0]));
    }
}
