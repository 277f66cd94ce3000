using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sdp;
using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Regression;

/// <summary>
/// Replays every input under tests/fixtures/fuzz-regressions (see the README there) through the parser its
/// folder names, with the fuzz harness's rules: only the documented exception (CaptureFormatException) may
/// come out, and the spans handed to callers lie inside the input.
/// </summary>
public class FuzzRegressionTests
{
    // The same list, in the same order, as the harness's FuzzTargets.FrameLinkTypes: a frame input's first byte
    // must pick the link type it picked when the fuzzer found it.
    private static readonly int[] FrameLinkTypes =
    [
        LinkTypes.Ethernet, LinkTypes.LinuxSll, LinkTypes.LinuxSll2, LinkTypes.Raw, LinkTypes.RawOpenBsd,
        LinkTypes.RawBsdi, LinkTypes.Ipv4, LinkTypes.Ipv6, LinkTypes.Null, LinkTypes.Loop, LinkTypes.Nflog,
        LinkTypes.Erf, LinkTypes.Ppp, LinkTypes.PppHdlc, LinkTypes.PppWithDirection, LinkTypes.PppEther,
        LinkTypes.CiscoHdlc, LinkTypes.CiscoHdlcWithDirection, LinkTypes.Pktap,
    ];

    public static IEnumerable<object[]> Inputs()
    {
        var root = Fixtures.PathOf("fuzz-regressions");
        foreach (var target in new[] { "capture", "frame", "sip", "sdp" })
        {
            var folder = Path.Combine(root, target);
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
                yield return [target, Path.GetFileName(file)];
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Saved_fuzz_input_is_handled(string target, string file)
    {
        var input = File.ReadAllBytes(Fixtures.PathOf($"fuzz-regressions/{target}/{file}"));
        switch (target)
        {
            case "capture":
                var (recorder, summary, _) = PacketRecorder.Read(new MemoryStream(input), file);
                Assert.Equal(summary.Packets, recorder.Packets.Count);
                foreach (var packet in recorder.Packets)
                    AssertFrameSpans(packet.LinkType, packet.Data);
                break;
            case "frame":
                if (input.Length > 0)
                    AssertFrameSpans(FrameLinkTypes[input[0] % FrameLinkTypes.Length], input.AsSpan(1));
                break;
            case "sip":
                if (SipParser.TryParse(input, out var message))
                    Assert.InRange(message!.Length, 0, input.Length);
                break;
            case "sdp":
                if (SdpParser.TryParse(input, out var session))
                    Assert.NotNull(session);
                break;
        }
    }

    [Fact]
    public void Gzip_damaged_before_the_capture_header_is_a_format_error_at_offset_0()
    {
        // gzip header, then a deflate block of the reserved type 3: GZipStream throws InvalidDataException on
        // the first read, which once escaped the reader as an unhandled exception.
        byte[] input = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff, 0x07, 0, 0, 0, 0];
        var (_, summary, error) = PacketRecorder.Read(new MemoryStream(input));
        Assert.NotNull(error);
        Assert.Equal(0, error.FileOffset);
        Assert.Equal(0, error.RecordNumber);
        Assert.Contains("gzip data damaged", error.Message);
        Assert.True(summary.Gzip);
    }

    private static void AssertFrameSpans(int linkType, ReadOnlySpan<byte> data)
    {
        var frame = default(DecodedFrame);
        FrameDecoder.Decode(linkType, data, ref frame);
        Assert.InRange((long)frame.PayloadOffset + frame.PayloadLength, 0, data.Length);
        Assert.InRange((long)frame.QuotedPayloadOffset + frame.QuotedPayloadLength, 0, data.Length);
        Assert.True(frame.PayloadOffset >= 0 && frame.PayloadLength >= 0 && frame.QuotedPayloadOffset >= 0 && frame.QuotedPayloadLength >= 0);
    }
}
